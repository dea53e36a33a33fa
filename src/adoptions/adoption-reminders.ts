import type { EntityManager } from 'typeorm';
import { Reminder } from '../reminders/entities/reminder.entity';
import { ReminderKind, ReminderStatus, ReminderSubject } from '../reminders/reminder-kind';
import { startOfSwedishDay } from './adoption-review';
import { AdoptionStatus } from './adoption-status';
import type { Adoption } from './entities/adoption.entity';

/**
 * Keeps exactly one pending review reminder for an adopted routine, due as its review day begins in Sweden, in the caller's
 * transaction: earlier pending ones are cancelled (rows are never rescheduled in place). Not adopted: none.
 */
export async function replaceReviewReminder(manager: EntityManager, adoption: Adoption): Promise<void> {
  await manager.update(
    Reminder,
    { adoptionId: adoption.id, kind: ReminderKind.ReviewDue, status: ReminderStatus.Pending },
    { status: ReminderStatus.Cancelled },
  );
  if (adoption.status !== AdoptionStatus.Adopted || adoption.nextReviewDueAt === null) {
    return;
  }
  await manager.insert(Reminder, {
    kind: ReminderKind.ReviewDue,
    subjectType: ReminderSubject.Adoption,
    caseId: null,
    stepKey: null,
    adoptionId: adoption.id,
    organizationId: adoption.organizationId,
    dueAt: startOfSwedishDay(adoption.nextReviewDueAt),
    status: ReminderStatus.Pending,
    sentAt: null,
  });
}
