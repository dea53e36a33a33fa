import { Role } from '../common/auth/role';
import { changedFields, endsTokens } from './user-changes';

describe('changedFields', () => {
  const current = { displayName: 'Ingrid Nilsson', roles: [Role.Caseworker, Role.Manager], active: true };

  it('names only what differs', () => {
    expect(changedFields(current, { displayName: 'Ingrid N.' })).toEqual(['displayName']);
    expect(
      changedFields(current, { displayName: 'Ingrid Nilsson', roles: [Role.Manager, Role.Caseworker], active: true }),
    ).toEqual([]);
    expect(changedFields(current, { roles: [Role.Caseworker] })).toEqual(['roles']);
    expect(changedFields(current, { active: false, displayName: 'X' })).toEqual(['displayName', 'active']);
    expect(changedFields(current, {})).toEqual([]);
  });
});

describe('endsTokens', () => {
  const after = { displayName: 'X', roles: [Role.Caseworker], active: true };
  it('for a role change or a deactivation, not for a new name or a reactivation', () => {
    expect(endsTokens(['roles'], after)).toBe(true);
    expect(endsTokens(['active'], { ...after, active: false })).toBe(true);
    expect(endsTokens(['active'], after)).toBe(false);
    expect(endsTokens(['displayName'], after)).toBe(false);
  });
});
