import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QueueName } from './queue-names';
import { PeriodicTask, QueueProcessor, ROW_JOB_SOURCES } from './queue-processor';
import { QueueRegistry } from './queue-registry';
import { RowJobFeeder, RowJobSource } from './row-jobs';

export const RECONCILER_ID = 'queues-reconcile';
export const RECONCILE_EVERY_MS = 30_000;
const WATCHDOG_INTERVAL_MS = 5000;

/**
 * The reconciler: a BullMQ job scheduler on the maintenance queue that regularly puts back the jobs of
 * pending rows the queue backend lost, for every row-job source the worker runs. Redis losing its data takes the
 * scheduler with it, so every worker also checks, every few seconds, that the scheduler exists (its watchdog, a
 * periodic task), and recreates it (which runs it at once). It processes the maintenance queue itself.
 */
@Injectable()
export class QueueReconciler implements QueueProcessor<QueueName.Maintenance>, PeriodicTask {
  readonly queue = QueueName.Maintenance;
  readonly workerOptions = { concurrency: 1 };
  readonly name = 'reconciler watchdog';
  readonly intervalMs = WATCHDOG_INTERVAL_MS;
  private readonly logger = new Logger(QueueReconciler.name);

  constructor(
    private readonly queues: QueueRegistry,
    private readonly feeder: RowJobFeeder,
    @Inject(ROW_JOB_SOURCES) private readonly sources: RowJobSource<QueueName>[],
  ) {}

  /** The watchdog's run. */
  run(): Promise<void> {
    return this.ensureScheduled();
  }

  async ensureScheduled(): Promise<void> {
    const maintenance = this.queues.get(QueueName.Maintenance);
    if (await maintenance.getJobScheduler(RECONCILER_ID)) {
      return;
    }
    await maintenance.upsertJobScheduler(
      RECONCILER_ID,
      { every: RECONCILE_EVERY_MS },
      { name: 'queues.reconcile', data: {} },
    );
    this.logger.log('Reconciler scheduled (first start, or the queue backend lost its data)');
  }

  process(_job: Job): Promise<Partial<Record<QueueName, number>>> {
    return this.reconcile();
  }

  /** Jobs put back (missing) or retried (failed for good), per queue. */
  async reconcile(): Promise<Partial<Record<QueueName, number>>> {
    const restored: Partial<Record<QueueName, number>> = {};
    for (const source of this.sources) {
      const result = await this.feeder.reconcile(source);
      restored[source.queue] = (restored[source.queue] ?? 0) + result.requeued + result.retried;
    }
    return restored;
  }
}
