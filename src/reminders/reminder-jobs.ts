import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QueueName, reminderJobId } from '../queue/queue-names';
import type { RowJob, RowJobSource } from '../worker/row-jobs';

/** How far ahead reminders become delayed jobs. Later ones stay only in the database. */
export const SCHEDULE_HORIZON_MS = 10 * 60 * 1000;

type ReminderRow = { id: string; due_at: Date };

const toJob = (row: ReminderRow): RowJob<QueueName.Reminders> => ({
  id: row.id,
  jobId: reminderJobId(row.id),
  name: 'reminder.deliver',
  data: { reminderId: row.id },
  runAt: row.due_at,
});

/** Pending reminders due within the horizon become delayed jobs `reminder-<id>`; cancelled ones lose theirs. */
@Injectable()
export class ReminderJobs implements RowJobSource<QueueName.Reminders> {
  readonly queue = QueueName.Reminders;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async unqueued(limit: number): Promise<RowJob<QueueName.Reminders>[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, due_at FROM reminder
        WHERE status = 'pending' AND queued_at IS NULL AND due_at <= now() + make_interval(secs => $1)
        ORDER BY due_at, id LIMIT $2`,
      [SCHEDULE_HORIZON_MS / 1000, limit],
    )) as ReminderRow[];
    return rows.map(toJob);
  }

  async markQueued(ids: string[]): Promise<void> {
    await this.dataSource.query(`UPDATE reminder SET queued_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async queuedPending(afterId: string | null, limit: number): Promise<RowJob<QueueName.Reminders>[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, due_at FROM reminder
        WHERE status = 'pending' AND queued_at IS NOT NULL AND ($1::uuid IS NULL OR id > $1::uuid)
        ORDER BY id LIMIT $2`,
      [afterId, limit],
    )) as ReminderRow[];
    return rows.map(toJob);
  }

  /** Cancelled reminders whose job may still wait on the queue, and the jobs to remove. */
  async cancelledQueued(limit: number): Promise<{ id: string; jobId: string }[]> {
    const rows = (await this.dataSource.query(`SELECT id FROM reminder WHERE status = 'cancelled' AND queued_at IS NOT NULL LIMIT $1`, [limit])) as { id: string }[];
    return rows.map((row) => ({ id: row.id, jobId: reminderJobId(row.id) }));
  }

  async markDequeued(ids: string[]): Promise<void> {
    await this.dataSource.query(`UPDATE reminder SET queued_at = NULL WHERE id = ANY($1::uuid[])`, [ids]);
  }
}
