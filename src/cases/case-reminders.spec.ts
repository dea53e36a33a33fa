import { ReminderKind } from '../reminders/reminder-kind';
import { remindersForActiveStep } from './case-reminders';

describe('remindersForActiveStep', () => {
  const dueAt = new Date('2026-04-08T09:00:00Z');
  const base = { key: 'assess', ownerOrganizationId: 'org-social', dueAt, remindBefore: null, escalateAfter: null };

  it('plans due soon, overdue and escalation for the step owner', () => {
    expect(remindersForActiveStep({ ...base, remindBefore: 'P1D', escalateAfter: 'P2D' })).toEqual([
      {
        kind: ReminderKind.DueSoon,
        stepKey: 'assess',
        organizationId: 'org-social',
        dueAt: new Date('2026-04-07T09:00:00Z'),
      },
      { kind: ReminderKind.Overdue, stepKey: 'assess', organizationId: 'org-social', dueAt },
      {
        kind: ReminderKind.Escalation,
        stepKey: 'assess',
        organizationId: 'org-social',
        dueAt: new Date('2026-04-10T09:00:00Z'),
      },
    ]);
  });

  it('plans only the overdue reminder without remindBefore and escalateAfter', () => {
    expect(remindersForActiveStep(base).map((reminder) => reminder.kind)).toEqual([ReminderKind.Overdue]);
  });

  it('keeps reminder offsets on the Stockholm wall clock across a DST change', () => {
    // Due Monday 30 March 2026 10:00 CEST; two days before is Saturday 10:00 CET, 47 hours earlier (clocks changed early Sunday).
    const [dueSoon] = remindersForActiveStep({ ...base, dueAt: new Date('2026-03-30T08:00:00Z'), remindBefore: 'P2D' });
    expect(dueSoon.dueAt.toISOString()).toBe('2026-03-28T09:00:00.000Z');
  });

  it('plans nothing for a step without a due time', () => {
    expect(remindersForActiveStep({ ...base, dueAt: null })).toEqual([]);
  });
});
