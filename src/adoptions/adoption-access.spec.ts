import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { ALL_ROLES, Role } from '../common/auth/role';
import { OrganizationType } from '../organizations/organization-type';
import { eachCase } from '../../test/support/each-case';

/** A table row typed as a tuple, so that `eachCase` hands each cell to its own parameter. */
const row = <Cells extends unknown[]>(...cells: Cells) => cells;
import { canManageAdoption, canReadAdoption, readsAllAdoptions } from './adoption-access';

const ADOPTER = 'org-adopter';
const PARTNER = 'org-partner';
const OUTSIDER = 'org-outsider';
const PARTNERS = [PARTNER, 'org-second-partner'];

/** Where the user sits relative to the adoption: the adopting organisation, a partner in the agreement, or neither. */
type Relation = 'adopting' | 'partner' | 'outsider';
const ORGANIZATION_OF: Record<Relation, string> = { adopting: ADOPTER, partner: PARTNER, outsider: OUTSIDER };
const RELATIONS = Object.keys(ORGANIZATION_OF) as Relation[];

const user = (roles: Role[], relation: Relation, organizationType = OrganizationType.SocialServices) =>
  ({ id: 'u', organizationId: ORGANIZATION_OF[relation], organizationType, roles }) satisfies AuthenticatedUser;

describe('readsAllAdoptions', () => {
  it('is true for admins and for every role of the county board, false for everyone else', () => {
    eachCase(
      ALL_ROLES.flatMap((role) =>
        [OrganizationType.CountyBoard, OrganizationType.SocialServices, OrganizationType.Police].map((type) =>
          row(role, type, role === Role.Admin || type === OrganizationType.CountyBoard),
        ),
      ),
      (role, type, expected) => expect(readsAllAdoptions(user([role], 'outsider', type))).toBe(expected),
    );
  });
});

describe('canReadAdoption', () => {
  // role × relation × county board or not: who reads the adoption.
  const readers: Record<Role, readonly Relation[]> = {
    [Role.Admin]: RELATIONS,
    [Role.Coordinator]: ['adopting', 'partner'],
    [Role.Caseworker]: ['adopting', 'partner'],
    [Role.Manager]: ['adopting', 'partner'],
    [Role.Auditor]: ['adopting', 'partner'],
  };

  it('lets the adopting organisation and its partners read, outsiders only as admin', () => {
    eachCase(
      ALL_ROLES.flatMap((role) => RELATIONS.map((relation) => row(role, relation, readers[role].includes(relation)))),
      (role, relation, expected) => expect(canReadAdoption(user([role], relation), ADOPTER, PARTNERS)).toBe(expected),
    );
  });

  it('lets every role of the county board read any adoption, partner or not', () => {
    eachCase(
      ALL_ROLES.flatMap((role) => RELATIONS.map((relation) => row(role, relation))),
      (role, relation) =>
        expect(canReadAdoption(user([role], relation, OrganizationType.CountyBoard), ADOPTER, PARTNERS)).toBe(true),
    );
  });

  it('recognises a partner anywhere in the list, and nobody as a partner when there are none', () => {
    const partnerLast = user([Role.Caseworker], 'partner');
    expect(canReadAdoption(partnerLast, ADOPTER, ['org-first', PARTNER])).toBe(true);
    expect(canReadAdoption(partnerLast, ADOPTER, [])).toBe(false);
    expect(canReadAdoption(user([Role.Caseworker], 'adopting'), ADOPTER, [])).toBe(true);
  });
});

describe('canManageAdoption', () => {
  it('lets only coordinators and admins of the adopting organisation manage it', () => {
    const managers: readonly Role[] = [Role.Coordinator, Role.Admin];
    eachCase(
      ALL_ROLES.flatMap((role) =>
        RELATIONS.map((relation) => row(role, relation, relation === 'adopting' && managers.includes(role))),
      ),
      (role, relation, expected) => expect(canManageAdoption(user([role], relation), ADOPTER)).toBe(expected),
    );
  });

  it('gives the county board and admins elsewhere no say over another organisation’s adoption', () => {
    expect(
      canManageAdoption(user([Role.Coordinator, Role.Admin], 'partner', OrganizationType.CountyBoard), ADOPTER),
    ).toBe(false);
    expect(canManageAdoption(user([Role.Admin], 'outsider'), ADOPTER)).toBe(false);
  });

  it('counts a managing role held beside others', () => {
    expect(canManageAdoption(user([Role.Caseworker, Role.Coordinator], 'adopting'), ADOPTER)).toBe(true);
    expect(canManageAdoption(user([Role.Caseworker, Role.Manager, Role.Auditor], 'adopting'), ADOPTER)).toBe(false);
    expect(canManageAdoption(user([], 'adopting'), ADOPTER)).toBe(false);
  });
});
