import type { EntityManager } from 'typeorm';
import { ReminderKind } from '../reminders/reminder-kind';
import type { DueReminder } from '../reminders/reminder-subject';

/** A case step reminder whose step is still active in an open case. */
export interface ActiveStepReminder {
  reminder_id: string;
  case_id: string;
  case_number: string;
  step_key: string;
  title: string;
  due_at: Date;
}

/**
 * The cases' SQL for their reminders' subject check (kept beside cases.repository.ts, the case and step tables'
 * other statements). One statement per batch of due reminders.
 */
export const caseStepRemindersRepository = {
  /** Of these reminders, those whose step is active in an open case; a due-soon one only while the step is not past due. */
  stillActive(manager: EntityManager, reminders: DueReminder[]): Promise<ActiveStepReminder[]> {
    return manager.query<ActiveStepReminder[]>(
      `SELECT x.reminder_id, c.id AS case_id, c.case_number, s.key AS step_key, s.title, s.due_at
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS x(reminder_id, case_id, step_key, kind)
         JOIN collaboration_case c ON c.id = x.case_id AND c.status = 'open'
         JOIN case_step s ON s.case_id = x.case_id AND s.key = x.step_key AND s.status = 'active'
        WHERE x.kind <> $5 OR s.due_at > now()`,
      [
        reminders.map((reminder) => reminder.id),
        reminders.map((reminder) => reminder.caseId),
        reminders.map((reminder) => reminder.stepKey),
        reminders.map((reminder) => reminder.kind),
        ReminderKind.DueSoon,
      ],
    );
  },
};
