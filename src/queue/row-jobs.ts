import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueMetrics } from './queue-metrics';
import { JobData, JobName, QueueName } from './queue-names';
import { QueueRegistry } from './queue-registry';

const BATCH_SIZE = 1000;

/** One database row that should have a queue job. */
export interface RowJob<Q extends QueueName> {
  id: string;
  jobId: string;
  name: JobName<Q>;
  data: JobData<Q>;
  /** When the job should run; in the past means now. */
  runAt: Date;
}

/**
 * Rows (the truth) that need queue jobs (rebuildable). Each source says which rows should be on the queue
 * and have not been put there, marks them queued, and lists the queued ones still pending for the reconciler.
 */
export interface RowJobSource<Q extends QueueName> {
  readonly queue: Q;
  unqueued(limit: number): Promise<RowJob<Q>[]>;
  markQueued(ids: string[]): Promise<void>;
  queuedPending(afterId: string | null, limit: number): Promise<RowJob<Q>[]>;
}

export interface ReconcileResult {
  checked: number;
  requeued: number;
  retried: number;
}

/** Moves rows onto their queue in batches (addBulk), and puts back the jobs a queue backend lost. */
@Injectable()
export class RowJobFeeder {
  private readonly logger = new Logger(RowJobFeeder.name);

  constructor(
    private readonly queues: QueueRegistry,
    private readonly metrics: QueueMetrics,
  ) {}

  /** Enqueues every row the source has waiting; job ids make a second enqueue of the same row harmless. */
  async feed<Q extends QueueName>(source: RowJobSource<Q>): Promise<number> {
    const queue = this.queues.get(source.queue);
    let total = 0;
    for (;;) {
      const rows = await source.unqueued(BATCH_SIZE);
      if (rows.length === 0) {
        return total;
      }
      await this.add(queue, rows);
      await source.markQueued(rows.map((row) => row.id));
      total += rows.length;
      if (rows.length < BATCH_SIZE) {
        return total;
      }
    }
  }

  /** Finds pending rows whose job is gone (Redis flushed or restarted empty) or failed for good, and enqueues them again. */
  async reconcile<Q extends QueueName>(source: RowJobSource<Q>): Promise<ReconcileResult> {
    const queue = this.queues.get(source.queue);
    const result: ReconcileResult = { checked: 0, requeued: 0, retried: 0 };
    let after: string | null = null;
    for (;;) {
      const rows = await source.queuedPending(after, BATCH_SIZE);
      if (rows.length === 0) {
        break;
      }
      // Reading the job (one hash) stays cheap however long the queue is; asking its state scans the wait list.
      const jobs = await Promise.all(rows.map((row) => queue.getJob(row.jobId)));
      const missing = rows.filter((_, index) => !jobs[index]);
      const failed = (
        await Promise.all(
          jobs.map(async (job) => (job?.finishedOn && job.failedReason && (await job.isFailed()) ? job : null)),
        )
      ).filter((job): job is NonNullable<typeof job> => job !== null);
      if (missing.length > 0) {
        await this.add(queue, missing);
      }
      for (const job of failed) {
        await job.retry('failed');
      }
      result.checked += rows.length;
      result.requeued += missing.length;
      result.retried += failed.length;
      after = rows[rows.length - 1].id;
      if (rows.length < BATCH_SIZE) {
        break;
      }
    }
    if (result.requeued + result.retried > 0) {
      this.metrics.requeued.inc({ queue: source.queue }, result.requeued + result.retried);
      this.logger.warn(
        `${source.queue}: ${result.requeued} missing jobs enqueued again, ${result.retried} failed jobs retried (of ${result.checked} pending)`,
      );
    }
    return result;
  }

  private async add<Q extends QueueName>(queue: Queue, rows: RowJob<Q>[]): Promise<void> {
    const now = Date.now();
    await queue.addBulk(
      rows.map((row) => ({
        name: row.name,
        data: row.data,
        opts: { jobId: row.jobId, delay: Math.max(0, row.runAt.getTime() - now) },
      })),
    );
  }
}
