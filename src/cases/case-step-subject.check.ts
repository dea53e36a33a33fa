import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReminderKind, ReminderSubject } from '../reminders/reminder-kind';
import type { DueReminder, ReminderSubjectCheck, SubjectDetails } from '../reminders/reminder-subject';

/**
 * A case step's reminder applies while the step is active and its case open. A due-soon reminder also
 * lapses once the step is past due (its overdue reminder says more).
 */
@Injectable()
export class CaseStepSubjectCheck implements ReminderSubjectCheck {
  readonly subjectType = ReminderSubject.CaseStep;

  async stillApplicable(manager: EntityManager, reminders: DueReminder[]): Promise<Map<string, SubjectDetails>> {
    const rows = await manager.query<
      {
        reminder_id: string;
        case_id: string;
        case_number: string;
        step_key: string;
        title: string;
        due_at: Date;
      }[]
    >(
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
    return new Map(
      rows.map((row) => [
        row.reminder_id,
        {
          caseId: row.case_id,
          caseNumber: row.case_number,
          stepKey: row.step_key,
          adoptionId: null,
          title: row.title,
          link: `/api/v1/cases/${row.case_id}`,
          dueAt: row.due_at,
          reviewDueOn: null,
        },
      ]),
    );
  }
}
