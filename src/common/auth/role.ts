export enum Role {
  Admin = 'admin',
  Coordinator = 'coordinator',
  Caseworker = 'caseworker',
  Manager = 'manager',
  Auditor = 'auditor',
}

export const ALL_ROLES = Object.values(Role);
