import { AuthenticatedUser, hasRole, isAdmin } from '../common/auth/authenticated-user';
import { Role } from '../common/auth/role';
import { OrganizationType } from '../organizations/organization-type';

/** Which events a reader may see: everything, or only those concerning one of these organisations. */
export type AuditVisibility = { everything: true } | { everything: false; organizationIds: string[] };

/**
 * Admins, and auditors of the county administrative board (which coordinates the regional strategy), see the
 * whole trail; any other auditor sees the events that concern their own organisation: its own actions and
 * those on entities it takes part in (the event's organizationIds).
 */
export function auditVisibilityOf(user: AuthenticatedUser): AuditVisibility {
  const countyBoardAuditor = user.organizationType === OrganizationType.CountyBoard && hasRole(user, Role.Auditor);
  if (isAdmin(user) || countyBoardAuditor) {
    return { everything: true };
  }
  return { everything: false, organizationIds: [user.organizationId] };
}
