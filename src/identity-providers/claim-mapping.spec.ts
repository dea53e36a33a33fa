import { Role } from '../common/auth/role';
import { ClaimMappingRules, mapClaims } from './claim-mapping';

const ORG = '7f0c3a52-4d1e-4b8a-9c1e-2a6b5d4e3f21';
const OTHER = '0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b';
const rules: ClaimMappingRules = {
  requiredAcr: ['http://id.sambi.se/loa/loa3'],
  organizationClaim: 'org',
  organizations: { '2120001234': ORG, SE2321000016: OTHER },
  roleClaim: 'groups',
  roles: { samverkan_handlaggare: Role.Caseworker, samverkan_samordnare: Role.Coordinator },
  emailClaim: 'email',
  nameClaim: 'name',
};
const claims = {
  acr: 'http://id.sambi.se/loa/loa3',
  org: '2120001234',
  groups: ['samverkan_handlaggare', 'other_group'],
  email: ' Anna.Svensson@Kommun.Example.SE ',
  name: 'Anna Svensson',
};

describe('mapClaims', () => {
  it('maps the organisation, the roles, a normalised e-mail address and the name', () => {
    expect(mapClaims(claims, rules)).toEqual({
      identity: {
        organizationId: ORG,
        roles: [Role.Caseworker],
        email: 'anna.svensson@kommun.example.se',
        displayName: 'Anna Svensson',
      },
    });
    expect(mapClaims({ ...claims, groups: 'samverkan_samordnare' }, rules)).toMatchObject({
      identity: { roles: [Role.Coordinator] },
    });
  });

  it('refuses a missing or other acr when one is required, and accepts any when none is', () => {
    expect(mapClaims({ ...claims, acr: 'http://id.sambi.se/loa/loa2' }, rules)).toEqual({
      refusal: 'acr_not_accepted',
    });
    expect(mapClaims({ ...claims, acr: undefined }, rules)).toEqual({ refusal: 'acr_not_accepted' });
    expect(mapClaims({ ...claims, acr: undefined }, { ...rules, requiredAcr: [] })).toHaveProperty('identity');
  });

  it('refuses an unknown, missing or ambiguous organisation, and inherited keys', () => {
    for (const org of ['9999999999', undefined, ['2120001234', 'SE2321000016'], 'constructor', '__proto__', 42]) {
      expect(mapClaims({ ...claims, org }, rules)).toEqual({ refusal: 'unknown_organization' });
    }
  });

  it('refuses when no role is mapped', () => {
    for (const groups of [['other_group'], [], undefined, 'toString']) {
      expect(mapClaims({ ...claims, groups }, rules)).toEqual({ refusal: 'no_mapped_role' });
    }
  });

  it('checks the kept claims as the API checks an account: a staff address, a name without identifiers', () => {
    for (const email of [undefined, 'not-an-address', '198112289874@kommun.example.se', 'аnna@kommun.example.se']) {
      expect(mapClaims({ ...claims, email }, rules)).toEqual({ refusal: 'email_invalid' });
    }
    for (const name of [undefined, '', 'Anna 19811228-9874', 'x'.repeat(121)]) {
      expect(mapClaims({ ...claims, name }, rules)).toEqual({ refusal: 'name_invalid' });
    }
  });
});
