import { DataSource } from 'typeorm';
import { QueueName } from './queue-names';
import type { RowJob, RowJobSource } from './row-jobs';

/** A table whose rows each need one job while `status` is 'pending'; `queued_at` is set once the job is on the queue. */
export interface PendingRowTable {
  /** The table's SQL name, a constant of the feature that owns it (it is written into the SQL). */
  table: string;
  /** The timestamp column that says when the row's job should run. */
  runAt: string;
  /** A further SQL condition on rows to enqueue now (constant text, no parameters). */
  ready?: string;
}

/** The row-job source of such a table: unqueued rows in run order, marking them queued, and the queued ones still pending. */
export abstract class PendingRowJobs<Q extends QueueName> implements RowJobSource<Q> {
  abstract readonly queue: Q;
  protected abstract readonly rows: PendingRowTable;

  protected constructor(protected readonly dataSource: DataSource) {}

  protected abstract toJob(id: string, runAt: Date): RowJob<Q>;

  async unqueued(limit: number): Promise<RowJob<Q>[]> {
    const { table, runAt, ready = 'TRUE' } = this.rows;
    return this.jobs(
      `SELECT id, ${runAt} AS run_at FROM ${table} WHERE status = 'pending' AND queued_at IS NULL AND (${ready}) ORDER BY ${runAt}, id LIMIT $1`,
      [limit],
    );
  }

  async markQueued(ids: string[]): Promise<void> {
    await this.dataSource.query(`UPDATE ${this.rows.table} SET queued_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async queuedPending(afterId: string | null, limit: number): Promise<RowJob<Q>[]> {
    const { table, runAt } = this.rows;
    return this.jobs(
      `SELECT id, ${runAt} AS run_at FROM ${table}
        WHERE status = 'pending' AND queued_at IS NOT NULL AND ($1::uuid IS NULL OR id > $1::uuid)
        ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }

  private async jobs(sql: string, parameters: unknown[]): Promise<RowJob<Q>[]> {
    const rows = await this.dataSource.query<{ id: string; run_at: Date }[]>(sql, parameters);
    return rows.map((row) => this.toJob(row.id, row.run_at));
  }
}
