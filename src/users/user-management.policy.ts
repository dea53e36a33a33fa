import { AuthenticatedUser, isAdmin } from '../common/auth/authenticated-user';
import { Role } from '../common/auth/role';

/** Roles a coordinator may hand out within their own organisation. */
const COORDINATOR_MANAGEABLE_ROLES: readonly Role[] = [Role.Caseworker, Role.Manager];

/** Admins manage every account; coordinators manage their own organisation's caseworkers and managers. */
export function canManageAccount(actor: AuthenticatedUser, target: { organizationId: string; roles: Role[] }): boolean {
  if (isAdmin(actor)) return true;
  return (
    actor.roles.includes(Role.Coordinator) &&
    target.organizationId === actor.organizationId &&
    target.roles.every((role) => COORDINATOR_MANAGEABLE_ROLES.includes(role))
  );
}

/** Admins read every account; coordinators and managers read their own organisation's. */
export function canReadAccountsOf(actor: AuthenticatedUser, organizationId: string): boolean {
  return isAdmin(actor) || (actor.organizationId === organizationId && (actor.roles.includes(Role.Coordinator) || actor.roles.includes(Role.Manager)));
}
