import type { EntityManager } from 'typeorm';
import { SWEDISH_TODAY_SQL } from '../common/time/swedish-time';
import type { DueReminder } from '../reminders/reminder-subject';

/** An adoption still adopted and due for review, with its reminder and the adopted version's title. */
export interface AdoptionDueForReview {
  reminder_id: string;
  adoption_id: string;
  title: string;
  review_due_on: string;
}

/** The SQL of adoptions that is not the ORM's. Every function runs on the manager it is given. */
export const adoptionsRepository = {
  /**
   * Of these review reminders, those whose adoption is still adopted and due by the Swedish calendar. The title is
   * read from routine_version in the same statement (one round trip per batch of due reminders).
   */
  dueForReview(manager: EntityManager, reminders: DueReminder[]): Promise<AdoptionDueForReview[]> {
    return manager.query<AdoptionDueForReview[]>(
      `SELECT x.reminder_id, a.id AS adoption_id, v.definition ->> 'title' AS title, a.next_review_due_at::text AS review_due_on
         FROM unnest($1::uuid[], $2::uuid[]) AS x(reminder_id, adoption_id)
         JOIN adoption a ON a.id = x.adoption_id AND a.status = 'adopted' AND a.next_review_due_at <= ${SWEDISH_TODAY_SQL}
         JOIN routine_version v ON v.routine_id = a.routine_id AND v.version = a.routine_version`,
      [reminders.map((reminder) => reminder.id), reminders.map((reminder) => reminder.adoptionId)],
    );
  },
};
