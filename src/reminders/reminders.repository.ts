import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ReminderKind, ReminderStatus } from './reminder-kind';
import type { EndingReminders, PlannedReminder } from './reminder-plan';
import type { DueReminder } from './reminder-subject';
import type { PendingRow, PendingRows } from '../queue/pending-row-jobs';

/** How far ahead reminders become delayed jobs. Later ones stay only in the database. */
export const SCHEDULE_HORIZON_MS = 10 * 60 * 1000;

/** A pending reminder locked for delivery, and whether it is early by the database's clock. */
export type LockedReminder = DueReminder & { early: boolean };

/** The SQL of the reminder table. Methods given a manager run on it (in its transaction). */
@Injectable()
export class RemindersRepository implements PendingRows {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** In one statement: cancels the pending reminders the change ends and inserts the planned ones. */
  async replace(manager: EntityManager, ending: EndingReminders, planned: PlannedReminder[]): Promise<void> {
    const [cancel, cancelParameters] =
      'adoptionId' in ending
        ? [`adoption_id = $8 AND kind = $9`, [ending.adoptionId, ReminderKind.ReviewDue]]
        : [`case_id = $8 AND step_key = ANY($9::text[])`, [ending.caseId, ending.stepKeys]];
    await manager.query(
      `WITH cancelled AS (
         UPDATE reminder SET status = $10, updated_at = now() WHERE ${cancel} AND status = $11)
       INSERT INTO reminder (kind, subject_type, case_id, step_key, adoption_id, organization_id, due_at)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::uuid[], $4::varchar[], $5::uuid[], $6::uuid[], $7::timestamptz[])`,
      [
        planned.map((reminder) => reminder.kind),
        planned.map((reminder) => reminder.subjectType),
        planned.map((reminder) => reminder.caseId),
        planned.map((reminder) => reminder.stepKey),
        planned.map((reminder) => reminder.adoptionId),
        planned.map((reminder) => reminder.organizationId),
        planned.map((reminder) => reminder.dueAt),
        ...cancelParameters,
        ReminderStatus.Cancelled,
        ReminderStatus.Pending,
      ],
    );
  }

  /** The still-pending ones of these reminders, row-locked in id order (two batches sharing rows cannot deadlock). */
  async lockPending(manager: EntityManager, ids: string[]): Promise<LockedReminder[]> {
    return manager.query<LockedReminder[]>(
      `SELECT id, kind, subject_type AS "subjectType", case_id AS "caseId", step_key AS "stepKey", adoption_id AS "adoptionId",
              organization_id AS "organizationId", due_at AS "dueAt", due_at > now() AS early
         FROM reminder WHERE id = ANY($1::uuid[]) AND status = 'pending' ORDER BY id FOR UPDATE`,
      [ids],
    );
  }

  /** Ends pending reminders as sent (now, by the database's clock) or obsolete. */
  async setStatus(
    manager: EntityManager,
    ids: string[],
    status: ReminderStatus.Sent | ReminderStatus.Obsolete,
  ): Promise<void> {
    await manager.query(
      `UPDATE reminder SET status = $2::varchar, sent_at = CASE WHEN $2::varchar = 'sent' THEN clock_timestamp() ELSE sent_at END, updated_at = clock_timestamp()
        WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
      [ids, status],
    );
  }

  /** Cancelled reminders whose job may still wait on the queue. */
  async cancelledQueued(limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM reminder WHERE status = 'cancelled' AND queued_at IS NOT NULL LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.id);
  }

  async markDequeued(ids: string[]): Promise<void> {
    await this.dataSource.query(`UPDATE reminder SET queued_at = NULL WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Pending reminders due within the horizon and not on the queue yet, in due order. */
  unqueued(limit: number): Promise<PendingRow[]> {
    return this.dataSource.query<PendingRow[]>(
      `SELECT id, due_at AS run_at FROM reminder WHERE status = 'pending' AND queued_at IS NULL AND (due_at <= now() + interval '${SCHEDULE_HORIZON_MS / 1000} seconds') ORDER BY due_at, id LIMIT $1`,
      [limit],
    );
  }

  async markQueued(ids: string[]): Promise<void> {
    await this.dataSource.query(`UPDATE reminder SET queued_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  queuedPending(afterId: string | null, limit: number): Promise<PendingRow[]> {
    return this.dataSource.query<PendingRow[]>(
      `SELECT id, due_at AS run_at FROM reminder
        WHERE status = 'pending' AND queued_at IS NOT NULL AND ($1::uuid IS NULL OR id > $1::uuid)
        ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }
}
