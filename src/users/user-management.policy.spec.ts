import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { ALL_ROLES, Role } from '../common/auth/role';
import { OrganizationType } from '../organizations/organization-type';
import { eachCase } from '../../test/support/each-case';

/** A table row typed as a tuple, so that `eachCase` hands each cell to its own parameter. */
const row = <Cells extends unknown[]>(...cells: Cells) => cells;
import { canIssuePasswordReset, canManageAccount, canReadAccountsOf } from './user-management.policy';

const OWN = 'org-own';
const OTHER = 'org-other';
const ORGANIZATIONS = [OWN, OTHER] as const;

const actor = (roles: Role[]): AuthenticatedUser => ({
  id: 'actor',
  organizationId: OWN,
  organizationType: OrganizationType.SocialServices,
  roles,
});
const account = (organizationId: string, roles: Role[], id = 'target') => ({ id, organizationId, roles });

/** The role sets an account can hold that the rules tell apart. */
const TARGET_ROLES: Role[][] = [
  [],
  [Role.Caseworker],
  [Role.Manager],
  [Role.Caseworker, Role.Manager],
  [Role.Coordinator],
  [Role.Auditor],
  [Role.Admin],
  [Role.Caseworker, Role.Coordinator],
  [Role.Manager, Role.Admin],
];

describe('canManageAccount', () => {
  // A coordinator hands out caseworker and manager only; an account holding anything else is out of reach.
  const coordinatorManages = (roles: Role[]) =>
    roles.every((role) => role === Role.Caseworker || role === Role.Manager);

  it('lets admins manage every account and coordinators their own organisation’s caseworkers and managers', () => {
    eachCase(
      ALL_ROLES.flatMap((role) =>
        ORGANIZATIONS.flatMap((organization) =>
          TARGET_ROLES.map((roles) => {
            const expected =
              role === Role.Admin || (role === Role.Coordinator && organization === OWN && coordinatorManages(roles));
            return row(role, organization, roles, expected);
          }),
        ),
      ),
      (role, organization, roles, expected) =>
        expect(canManageAccount(actor([role]), account(organization, roles))).toBe(expected),
    );
  });

  it('reads the actor’s roles as a set: a coordinator who is also a caseworker still manages', () => {
    expect(canManageAccount(actor([Role.Caseworker, Role.Coordinator]), account(OWN, [Role.Manager]))).toBe(true);
    expect(canManageAccount(actor([Role.Manager, Role.Auditor]), account(OWN, [Role.Caseworker]))).toBe(false);
    expect(canManageAccount(actor([]), account(OWN, [Role.Caseworker]))).toBe(false);
  });
});

describe('canReadAccountsOf', () => {
  it('lets admins read every organisation’s accounts, coordinators and managers their own', () => {
    const readsOwn: readonly Role[] = [Role.Admin, Role.Coordinator, Role.Manager];
    eachCase(
      ALL_ROLES.flatMap((role) =>
        ORGANIZATIONS.map((organization) =>
          row(role, organization, role === Role.Admin || (organization === OWN && readsOwn.includes(role))),
        ),
      ),
      (role, organization, expected) => expect(canReadAccountsOf(actor([role]), organization)).toBe(expected),
    );
  });

  it('needs the role, not just the organisation', () => {
    expect(canReadAccountsOf(actor([Role.Caseworker, Role.Auditor]), OWN)).toBe(false);
    expect(canReadAccountsOf(actor([Role.Caseworker, Role.Manager]), OWN)).toBe(true);
  });
});

describe('canIssuePasswordReset', () => {
  it('lets admins reset every other account and coordinators only their own organisation’s caseworkers', () => {
    eachCase(
      ALL_ROLES.flatMap((role) =>
        ORGANIZATIONS.flatMap((organization) =>
          TARGET_ROLES.map((roles) => {
            const caseworkerOnly = roles.every((r) => r === Role.Caseworker);
            const expected =
              role === Role.Admin || (role === Role.Coordinator && organization === OWN && caseworkerOnly);
            return row(role, organization, roles, expected);
          }),
        ),
      ),
      (role, organization, roles, expected) =>
        expect(canIssuePasswordReset(actor([role]), account(organization, roles))).toBe(expected),
    );
  });

  it('refuses a reset of one’s own account, even to an admin or a coordinator of caseworkers', () => {
    eachCase(
      [[Role.Admin], [Role.Coordinator], [Role.Coordinator, Role.Caseworker], [Role.Caseworker]] as Role[][],
      (...roles) => expect(canIssuePasswordReset(actor(roles), account(OWN, [Role.Caseworker], 'actor'))).toBe(false),
    );
  });

  it('keeps a manager’s reset an admin’s to issue, though a coordinator manages the manager’s account', () => {
    const target = account(OWN, [Role.Manager]);
    expect(canManageAccount(actor([Role.Coordinator]), target)).toBe(true);
    expect(canIssuePasswordReset(actor([Role.Coordinator]), target)).toBe(false);
    expect(canIssuePasswordReset(actor([Role.Admin]), target)).toBe(true);
  });
});
