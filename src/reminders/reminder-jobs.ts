import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PendingRowJobs, PendingRowTable } from '../queue/pending-row-jobs';
import { QueueName } from '../queue/queue-names';
import type { RowJob } from '../queue/row-jobs';
import { reminderJobId } from './reminder-queue';

/** How far ahead reminders become delayed jobs. Later ones stay only in the database. */
export const SCHEDULE_HORIZON_MS = 10 * 60 * 1000;

/** Pending reminders due within the horizon become delayed jobs `reminder-<id>`; cancelled ones lose theirs. */
@Injectable()
export class ReminderJobs extends PendingRowJobs<QueueName.Reminders> {
  readonly queue = QueueName.Reminders;
  protected readonly rows: PendingRowTable = {
    table: 'reminder',
    runAt: 'due_at',
    ready: `due_at <= now() + interval '${SCHEDULE_HORIZON_MS / 1000} seconds'`,
  };

  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  protected toJob(id: string, runAt: Date): RowJob<QueueName.Reminders> {
    return { id, jobId: reminderJobId(id), name: 'reminder.deliver', data: { reminderId: id }, runAt };
  }

  /** Cancelled reminders whose job may still wait on the queue, and the jobs to remove. */
  async cancelledQueued(limit: number): Promise<{ id: string; jobId: string }[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM reminder WHERE status = 'cancelled' AND queued_at IS NOT NULL LIMIT $1`,
      [limit],
    )) as { id: string }[];
    return rows.map((row) => ({ id: row.id, jobId: reminderJobId(row.id) }));
  }

  async markDequeued(ids: string[]): Promise<void> {
    await this.dataSource.query(`UPDATE reminder SET queued_at = NULL WHERE id = ANY($1::uuid[])`, [ids]);
  }
}
