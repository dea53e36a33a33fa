/**
 * What an API client (a case-management system acting as a system, not a person) may be granted. A route names the
 * scopes it accepts next to its roles (access.decorators.ts); a client's token carries the scopes it was given.
 */
export enum Scope {
  CasesRead = 'cases:read',
  CasesWrite = 'cases:write',
  RoutinesRead = 'routines:read',
  AdoptionsRead = 'adoptions:read',
  ReportsRead = 'reports:read',
  AuditRead = 'audit:read',
  OrganizationsRead = 'organizations:read',
}

export const ALL_SCOPES = Object.values(Scope);

export const isScope = (value: string): value is Scope => (ALL_SCOPES as string[]).includes(value);
