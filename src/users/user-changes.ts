import type { Role } from '../common/auth/role';

export interface AccountState {
  displayName: string;
  roles: Role[];
  active: boolean;
}

export type AccountField = keyof AccountState;

const sameRoles = (a: Role[], b: Role[]) => a.length === b.length && a.every((role) => b.includes(role));

/** The fields a requested change would really change (roles compared as a set), in a fixed order. */
export function changedFields(current: AccountState, requested: Partial<AccountState>): AccountField[] {
  const changed: AccountField[] = [];
  if (requested.displayName !== undefined && requested.displayName !== current.displayName) {
    changed.push('displayName');
  }
  if (requested.roles !== undefined && !sameRoles(requested.roles, current.roles)) {
    changed.push('roles');
  }
  if (requested.active !== undefined && requested.active !== current.active) {
    changed.push('active');
  }
  return changed;
}

/** A change of roles or a deactivation ends the account's tokens: what they granted is no longer so. */
export const endsTokens = (changed: AccountField[], after: AccountState): boolean =>
  changed.includes('roles') || (changed.includes('active') && !after.active);
