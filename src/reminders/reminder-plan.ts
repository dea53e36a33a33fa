import { ReminderSubject } from './reminder-kind';
import type { DueReminder } from './reminder-subject';

/** A reminder to write: one shape for every subject (the row without its id and state). */
export type PlannedReminder = Omit<DueReminder, 'id'>;

/** The pending reminders a change ends: those of a case's finished steps, or an adoption's review reminder. */
export type EndingReminders = { caseId: string; stepKeys: string[] } | { adoptionId: string };

/** A case step's reminder, as the case's rules plan it; `organizationId` is the step's owner (whose staff it is for). */
export interface StepReminder extends Pick<PlannedReminder, 'kind' | 'organizationId' | 'dueAt'> {
  stepKey: string;
}

export const caseStepReminder = (caseId: string, reminder: StepReminder): PlannedReminder => ({
  ...reminder,
  subjectType: ReminderSubject.CaseStep,
  caseId,
  adoptionId: null,
});

export const adoptionReminder = (
  adoptionId: string,
  reminder: Pick<PlannedReminder, 'kind' | 'organizationId' | 'dueAt'>,
): PlannedReminder => ({
  ...reminder,
  subjectType: ReminderSubject.Adoption,
  caseId: null,
  stepKey: null,
  adoptionId,
});
