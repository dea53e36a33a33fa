import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Processor, Worker, WorkerOptions } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ProcessWorkers } from '../queue/process-workers';
import { QueueMetrics } from '../queue/queue-metrics';
import { JobData, QueueName } from '../queue/queue-names';
import { QueueRegistry } from '../queue/queue-registry';
import { MicroBatcher } from '../reminders/micro-batcher';
import { DeliveryOutcome, ReminderDeliveryService, ReminderNotDueYet } from '../reminders/reminder-delivery.service';
import { ReminderScheduler } from '../reminders/reminder-scheduler.service';
import { OutboxDispatcher } from '../webhooks/outbox-dispatcher.service';
import { WebhookDeliverer } from '../webhooks/webhook-deliverer.service';
import { WebhookDeliveryJobs } from '../webhooks/webhook-delivery-jobs';
import { webhookRetryDelay } from '../webhooks/webhook-retry';
import { PollingLoop } from './polling-loop';
import { QueueReconciler } from './queue-reconciler.service';
import { RowJobFeeder } from './row-jobs';

const SCHEDULE_INTERVAL_MS = 1000;
const OUTBOX_INTERVAL_MS = 1000;
const WATCHDOG_INTERVAL_MS = 5000;
const MIGRATION_POLL_MS = 2000;

/**
 * The queue worker: processors for the three queues, the reminder scheduler, the outbox dispatcher and the
 * reconciler's watchdog. On shutdown (SIGTERM) it stops taking work, lets active jobs finish, and only then
 * lets the database connections close.
 */
@Injectable()
export class WorkerRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private workers: Worker[] = [];
  private deadlineAction: (() => void) | null = null;
  private loops: PollingLoop[] = [];
  private readonly reminderBatches: MicroBatcher<string, DeliveryOutcome>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly metrics: QueueMetrics,
    private readonly feeder: RowJobFeeder,
    private readonly reminders: ReminderDeliveryService,
    private readonly scheduler: ReminderScheduler,
    private readonly reconciler: QueueReconciler,
    private readonly outbox: OutboxDispatcher,
    private readonly deliverer: WebhookDeliverer,
    private readonly deliveryJobs: WebhookDeliveryJobs,
    private readonly processWorkers: ProcessWorkers,
  ) {
    this.reminderBatches = new MicroBatcher((ids) => this.reminders.deliver(ids), {
      maxSize: 100,
      maxWaitMs: 5,
      maxConcurrent: 3,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.waitForMigrations();
    this.workers = [
      this.startWorker(
        QueueName.Reminders,
        (job: Job<JobData<QueueName.Reminders>>) => this.deliverReminder(job.data.reminderId),
        {
          concurrency: 400,
          // Delivery takes milliseconds: a crashed worker's jobs are back on the queue within about 25 s.
          lockDuration: 15_000,
          stalledInterval: 10_000,
          maxStalledCount: 2,
        },
      ),
      this.startWorker(
        QueueName.Webhooks,
        (job: Job<JobData<QueueName.Webhooks>>) =>
          this.deliverer.attempt(job.data.deliveryId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)),
        { concurrency: 20, settings: { backoffStrategy: (attemptsMade: number) => webhookRetryDelay(attemptsMade) } },
      ),
      this.startWorker(QueueName.Maintenance, () => this.reconciler.reconcile(), { concurrency: 1 }),
    ];
    this.loops = [
      new PollingLoop('reminder scheduling', SCHEDULE_INTERVAL_MS, () => this.scheduler.run(), this.logger),
      new PollingLoop(
        'outbox dispatch',
        OUTBOX_INTERVAL_MS,
        async () => {
          await this.outbox.dispatchAll();
          await this.feeder.feed(this.deliveryJobs);
        },
        this.logger,
      ),
      new PollingLoop(
        'reconciler watchdog',
        WATCHDOG_INTERVAL_MS,
        () => this.reconciler.ensureScheduled(),
        this.logger,
      ),
    ];
    this.loops.forEach((loop) => loop.start());
    this.logger.log('Worker ready');
  }

  /**
   * What the process does when active jobs outlast the shutdown grace period. The entry points exit: BullMQ's
   * `close(true)` cannot overtake a graceful close already under way, and the database pool would wait for a stuck
   * transaction. On exit PostgreSQL rolls it back and the job's lock expires in Redis, so another worker runs it
   * again. Without an action (an application embedded in tests) the wait goes on, with a warning.
   */
  onShutdownDeadline(action: () => void): void {
    this.deadlineAction = action;
  }

  /** On any shutdown signal: stops taking jobs and waits for the active ones, at most the grace period. */
  async beforeApplicationShutdown(signal?: string): Promise<void> {
    const grace = this.config.workerShutdownGraceSeconds;
    const deadline = setTimeout(() => {
      this.logger.warn(`Active jobs did not finish within ${grace} s of ${signal ?? 'shutdown'}; they will be retried`);
      this.deadlineAction?.();
    }, grace * 1000).unref();
    try {
      await Promise.all(this.loops.map((loop) => loop.stop(2000)));
      await Promise.all(this.workers.map((worker) => worker.close()));
      await this.reminderBatches.drained();
    } finally {
      clearTimeout(deadline);
    }
    this.logger.log('Worker stopped');
  }

  private async deliverReminder(reminderId: string): Promise<DeliveryOutcome> {
    const outcome = await this.reminderBatches.submit(reminderId);
    if (outcome === 'early') {
      throw new ReminderNotDueYet(reminderId);
    }
    return outcome;
  }

  private startWorker<Q extends QueueName>(name: Q, processor: Processor, options: Partial<WorkerOptions>): Worker {
    const { connection, prefix } = this.queues.get(name).opts;
    const worker = new Worker(name, processor, {
      connection,
      prefix,
      // The PostgreSQL backend (embedded mode) polls instead of blocking: look for new jobs every second.
      ...(this.config.queue.backend === 'postgres' ? { drainDelay: 1 } : {}),
      ...options,
    });
    worker.on('completed', () => this.metrics.processed.inc({ queue: name }));
    worker.on('failed', () => this.metrics.failed.inc({ queue: name }));
    worker.on('error', (error) => this.logger.warn(`${name} worker: ${error.message}`));
    this.processWorkers.add(worker);
    return worker;
  }

  /** The API runs migrations; a worker started alongside it waits until they are applied. */
  private async waitForMigrations(): Promise<void> {
    let logged = false;
    while (await this.dataSource.showMigrations()) {
      if (!logged) {
        this.logger.log('Waiting for database migrations (the API applies them)');
      }
      logged = true;
      await new Promise((resolve) => setTimeout(resolve, MIGRATION_POLL_MS));
    }
  }
}
