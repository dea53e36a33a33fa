import { ReminderKind } from '../reminders/reminder-kind';
import type { StepReminder } from '../reminders/reminder-plan';
import { addDuration, subtractDuration } from './due-time';

interface ActiveStep {
  key: string;
  ownerOrganizationId: string;
  dueAt: Date | null;
  remindBefore: string | null;
  escalateAfter: string | null;
}

/**
 * The reminders of a step that has just become active: due soon at dueAt − remindBefore, overdue at dueAt,
 * escalation at dueAt + escalateAfter. Times already past are written too; the delivery decides what is still due.
 */
export function remindersForActiveStep(step: ActiveStep): StepReminder[] {
  if (!step.dueAt) {
    return [];
  }
  const at = (kind: ReminderKind, dueAt: Date): StepReminder => ({
    kind,
    stepKey: step.key,
    organizationId: step.ownerOrganizationId,
    dueAt,
  });
  return [
    ...(step.remindBefore ? [at(ReminderKind.DueSoon, subtractDuration(step.dueAt, step.remindBefore))] : []),
    at(ReminderKind.Overdue, step.dueAt),
    ...(step.escalateAfter ? [at(ReminderKind.Escalation, addDuration(step.dueAt, step.escalateAfter))] : []),
  ];
}
