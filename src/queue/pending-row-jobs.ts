import { QueueName } from './queue-names';
import type { RowJob, RowJobSource } from './row-jobs';

/** A row that needs its job while it is pending, and when that job should run. */
export interface PendingRow {
  id: string;
  run_at: Date;
}

/**
 * The SQL of a table whose rows each need one job while `status` is 'pending' (`queued_at` set once the job is on
 * the queue): written by the feature that owns the table, in its repository.
 */
export interface PendingRows {
  /** Unqueued pending rows to enqueue now, in run order. */
  unqueued(limit: number): Promise<PendingRow[]>;
  markQueued(ids: string[]): Promise<void>;
  /** Queued rows still pending, in id order after `afterId`. */
  queuedPending(afterId: string | null, limit: number): Promise<PendingRow[]>;
}

/** The row-job source of such a table: unqueued rows in run order, marking them queued, and the queued ones still pending. */
export abstract class PendingRowJobs<Q extends QueueName> implements RowJobSource<Q> {
  abstract readonly queue: Q;

  protected constructor(private readonly rows: PendingRows) {}

  protected abstract toJob(id: string, runAt: Date): RowJob<Q>;

  async unqueued(limit: number): Promise<RowJob<Q>[]> {
    return (await this.rows.unqueued(limit)).map((row) => this.toJob(row.id, row.run_at));
  }

  markQueued(ids: string[]): Promise<void> {
    return this.rows.markQueued(ids);
  }

  async queuedPending(afterId: string | null, limit: number): Promise<RowJob<Q>[]> {
    return (await this.rows.queuedPending(afterId, limit)).map((row) => this.toJob(row.id, row.run_at));
  }
}
