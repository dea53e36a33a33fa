import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReminderSubject } from '../reminders/reminder-kind';
import type { DueReminder, ReminderSubjectCheck, SubjectDetails } from '../reminders/reminder-subject';
import { SWEDISH_TODAY_SQL } from '../common/time/swedish-time';

/**
 * A review reminder applies while its adoption is still adopted and still due for review: a follow-up or a
 * discontinuation cancels the reminder anyway, this catches what happened while the job was in flight.
 */
@Injectable()
export class AdoptionReviewSubjectCheck implements ReminderSubjectCheck {
  readonly subjectType = ReminderSubject.Adoption;

  async stillApplicable(manager: EntityManager, reminders: DueReminder[]): Promise<Map<string, SubjectDetails>> {
    const rows = await manager.query<
      { reminder_id: string; adoption_id: string; title: string; review_due_on: string }[]
    >(
      `SELECT x.reminder_id, a.id AS adoption_id, v.definition ->> 'title' AS title, a.next_review_due_at::text AS review_due_on
         FROM unnest($1::uuid[], $2::uuid[]) AS x(reminder_id, adoption_id)
         JOIN adoption a ON a.id = x.adoption_id AND a.status = 'adopted' AND a.next_review_due_at <= ${SWEDISH_TODAY_SQL}
         JOIN routine_version v ON v.routine_id = a.routine_id AND v.version = a.routine_version`,
      [reminders.map((reminder) => reminder.id), reminders.map((reminder) => reminder.adoptionId)],
    );
    return new Map(
      rows.map((row) => [
        row.reminder_id,
        {
          caseId: null,
          caseNumber: null,
          stepKey: null,
          adoptionId: row.adoption_id,
          title: row.title,
          link: `/api/v1/adoptions/${row.adoption_id}`,
          dueAt: null,
          reviewDueOn: row.review_due_on,
        },
      ]),
    );
  }
}
