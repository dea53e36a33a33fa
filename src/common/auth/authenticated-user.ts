import type { OrganizationType } from '../../organizations/organization-type';
import { Role } from './role';

/** The signed-in staff member, as loaded from the database on every request (deactivation takes effect at once). */
export interface AuthenticatedUser {
  id: string;
  organizationId: string;
  organizationType: OrganizationType;
  roles: Role[];
}

export const hasRole = (user: AuthenticatedUser, ...roles: Role[]) => roles.some((role) => user.roles.includes(role));
export const isAdmin = (user: AuthenticatedUser) => user.roles.includes(Role.Admin);
