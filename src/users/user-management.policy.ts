import { AuthenticatedUser, isAdmin } from '../common/auth/authenticated-user';
import { Role } from '../common/auth/role';

/** Roles a coordinator may hand out within their own organisation. */
const COORDINATOR_MANAGEABLE_ROLES: readonly Role[] = [Role.Caseworker, Role.Manager];

/** Admins manage every account; coordinators manage their own organisation's caseworkers and managers. */
export function canManageAccount(actor: AuthenticatedUser, target: { organizationId: string; roles: Role[] }): boolean {
  if (isAdmin(actor)) {
    return true;
  }
  return (
    actor.roles.includes(Role.Coordinator) &&
    target.organizationId === actor.organizationId &&
    target.roles.every((role) => COORDINATOR_MANAGEABLE_ROLES.includes(role))
  );
}

/** Admins read every account; coordinators and managers read their own organisation's. */
export function canReadAccountsOf(actor: AuthenticatedUser, organizationId: string): boolean {
  return (
    isAdmin(actor) ||
    (actor.organizationId === organizationId &&
      (actor.roles.includes(Role.Coordinator) || actor.roles.includes(Role.Manager)))
  );
}

/**
 * Who may issue a password reset for another account. Whoever holds the one-time token can set the password, so
 * this is the power to become that person: admins for every account, coordinators only for their own
 * organisation's caseworkers (roles below their own). A manager oversees the coordinator's work, so a manager's
 * reset is an admin's to issue. Nobody issues one for themself (they change their password with the current one).
 */
export function canIssuePasswordReset(
  actor: AuthenticatedUser,
  target: { id: string; organizationId: string; roles: Role[] },
): boolean {
  if (target.id === actor.id) {
    return false;
  }
  if (isAdmin(actor)) {
    return true;
  }
  return (
    actor.roles.includes(Role.Coordinator) &&
    target.organizationId === actor.organizationId &&
    target.roles.every((role) => role === Role.Caseworker)
  );
}
