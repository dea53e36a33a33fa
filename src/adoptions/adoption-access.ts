import { AuthenticatedUser, hasRole, isAdmin } from '../common/auth/authenticated-user';
import { Role } from '../common/auth/role';
import { OrganizationType } from '../organizations/organization-type';

/** Admins and the county board (länsstyrelsen, which follows up the regional strategy) read every adoption. */
export const readsAllAdoptions = (user: AuthenticatedUser) =>
  isAdmin(user) || user.organizationType === OrganizationType.CountyBoard;

/** The adopting organisation and its partners in the agreement read it; so do those who read all. */
export const canReadAdoption = (
  user: AuthenticatedUser,
  adoptingOrganizationId: string,
  partnerIds: readonly string[],
) =>
  readsAllAdoptions(user) || user.organizationId === adoptingOrganizationId || partnerIds.includes(user.organizationId);

/** Coordinators and admins of the adopting organisation manage its adoptions. */
export const canManageAdoption = (user: AuthenticatedUser, adoptingOrganizationId: string) =>
  user.organizationId === adoptingOrganizationId && hasRole(user, Role.Coordinator, Role.Admin);
