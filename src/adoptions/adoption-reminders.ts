import { ReminderKind } from '../reminders/reminder-kind';
import { adoptionReminder, PlannedReminder } from '../reminders/reminder-plan';
import { startOfSwedishDay } from '../common/time/swedish-time';
import { AdoptionStatus } from './adoption-status';
import type { Adoption } from './entities/adoption.entity';

/**
 * The one review reminder an adopted routine keeps pending, due as its review day begins in Sweden (the planner
 * cancels the earlier pending one: rows are never rescheduled in place). Not adopted, or no review due: none.
 */
export function reviewReminders(adoption: Adoption): PlannedReminder[] {
  if (adoption.status !== AdoptionStatus.Adopted || adoption.nextReviewDueAt === null) {
    return [];
  }
  return [
    adoptionReminder(adoption.id, {
      kind: ReminderKind.ReviewDue,
      organizationId: adoption.organizationId,
      dueAt: startOfSwedishDay(adoption.nextReviewDueAt),
    }),
  ];
}
