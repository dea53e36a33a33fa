import { DomainException } from '../common/http/domain.exception';
import { OrganizationType } from '../organizations/organization-type';
import { assignOwners } from './step-owners';

const social = { id: 'org-social', type: OrganizationType.SocialServices };
const police = { id: 'org-police', type: OrganizationType.Police };
const policeNorth = { id: 'org-police-north', type: OrganizationType.Police };
const health = { id: 'org-health', type: OrganizationType.Healthcare };

const steps = [
  { key: 'assess', responsibleOrganizationType: OrganizationType.SocialServices },
  { key: 'interview', responsibleOrganizationType: OrganizationType.Police },
  { key: 'examine', responsibleOrganizationType: OrganizationType.Healthcare },
];

const unprocessable = (code: string, more: Record<string, unknown>) =>
  expect.objectContaining({ kind: 'unprocessable', code, ...more }) as unknown as DomainException;

describe('assignOwners', () => {
  it('gives each step to the one participant of its responsible type', () => {
    const owners = assignOwners(steps, [social, police, health], {}, social.id);
    expect(Object.fromEntries(owners)).toEqual({ assess: social.id, interview: police.id, examine: health.id });
  });

  it('answers 422 naming the step and the missing type when no participant qualifies', () => {
    expect(() => assignOwners(steps, [social, police], {}, social.id)).toThrow(
      unprocessable('case.step_without_owner', {
        detail: 'Step "examine" needs a participant of type healthcare.',
        errors: [{ field: 'participants', code: 'missing_type', step: 'examine', organizationType: 'healthcare' }],
      }),
    );
  });

  it('takes the owner named where several qualify', () => {
    const owners = assignOwners(steps, [social, police, policeNorth, health], { interview: policeNorth.id }, social.id);
    expect(owners.get('interview')).toBe(policeNorth.id);
  });

  it("defaults to the caller's organisation where several qualify and it is one of them", () => {
    const owners = assignOwners(steps, [social, police, policeNorth, health], {}, policeNorth.id);
    expect(owners.get('interview')).toBe(policeNorth.id);
  });

  it('asks for an owner where several qualify and the caller is not one of them', () => {
    expect(() => assignOwners(steps, [social, police, policeNorth, health], {}, social.id)).toThrow(
      unprocessable('case.step_owner', {
        errors: [{ field: 'owners.interview', code: 'owner_required', step: 'interview', organizationType: 'police' }],
      }),
    );
  });

  it('refuses a named owner of the wrong type, and owners for steps the routine does not have', () => {
    expect(() =>
      assignOwners(steps, [social, police, health], { interview: social.id, nothing: police.id }, social.id),
    ).toThrow(
      unprocessable('case.step_owner', {
        errors: [
          { field: 'owners.nothing', code: 'unknown_step' },
          { field: 'owners.interview', code: 'not_qualified', step: 'interview', organizationType: 'police' },
        ],
      }),
    );
  });
});
