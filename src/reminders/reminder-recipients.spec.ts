import { Role } from '../common/auth/role';
import { ReminderKind } from './reminder-kind';
import { recipientsOf } from './reminder-recipients';

describe('reminder recipients', () => {
  const staff = [
    { id: 'caseworker', roles: [Role.Caseworker] },
    { id: 'coordinator', roles: [Role.Coordinator] },
    { id: 'manager', roles: [Role.Manager] },
    { id: 'auditor', roles: [Role.Auditor] },
    { id: 'admin', roles: [Role.Admin] },
    { id: 'both', roles: [Role.Manager, Role.Caseworker] },
  ];

  it.each([
    [ReminderKind.DueSoon, ['caseworker', 'coordinator', 'both']],
    [ReminderKind.Overdue, ['caseworker', 'coordinator', 'both']],
    [ReminderKind.Escalation, ['manager', 'both']],
    [ReminderKind.ReviewDue, ['coordinator']],
  ])('%s goes to %j', (kind, expected) => {
    expect(recipientsOf(kind, staff)).toEqual(expected);
  });
});
