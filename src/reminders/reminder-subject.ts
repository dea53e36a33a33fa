import type { EntityManager } from 'typeorm';
import type { Reminder } from './entities/reminder.entity';
import type { ReminderSubject } from './reminder-kind';

/** What a processor knows of a due reminder. */
export type DueReminder = Pick<
  Reminder,
  'id' | 'kind' | 'subjectType' | 'caseId' | 'stepKey' | 'adoptionId' | 'organizationId' | 'dueAt'
>;

/** What a notification shows about the reminder's subject: ids, codes and an already-guarded title. */
export interface SubjectDetails {
  caseId: string | null;
  caseNumber: string | null;
  stepKey: string | null;
  adoptionId: string | null;
  title: string | null;
  link: string;
  /** The deadline the reminder is about: a case step's due time. */
  dueAt: Date | null;
  /** The day an adoption's follow-up is due (`YYYY-MM-DD`, Swedish calendar). */
  reviewDueOn: string | null;
}

/**
 * Re-reads one kind of subject when its reminders fall due. Reminders missing from the answer no longer
 * apply (step finished, case closed, adoption followed up) and become obsolete. The subject's module provides it and
 * registers it with `reminderSubjectCheck` (reminder-subjects.ts).
 */
export interface ReminderSubjectCheck {
  readonly subjectType: ReminderSubject;
  stillApplicable(manager: EntityManager, reminders: DueReminder[]): Promise<Map<string, SubjectDetails>>;
}
