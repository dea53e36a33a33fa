import type { OrganizationType } from '../../organizations/organization-type';
import { Role } from './role';
import type { Scope } from './scope';

/** The signed-in staff member, as loaded from the database on every request (deactivation takes effect at once). */
export interface AuthenticatedUser {
  id: string;
  organizationId: string;
  organizationType: OrganizationType;
  roles: Role[];
  /** The session the token belongs to (ended by sign-out); absent for API clients. */
  sessionId?: string;
  /**
   * Set when the caller is an API client, not a person: `id` is then the client's id, `roles` is empty, and the
   * route's scopes decide (the audit trail records it as actor type "client").
   */
  client?: { scopes: Scope[] };
}

export const hasRole = (user: AuthenticatedUser, ...roles: Role[]) => roles.some((role) => user.roles.includes(role));
export const isAdmin = (user: AuthenticatedUser) => user.roles.includes(Role.Admin);
