import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Processor, Worker, WorkerOptions } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PollingLoop } from '../queue/polling-loop';
import { ProcessWorkers } from '../queue/process-workers';
import { QueueMetrics } from '../queue/queue-metrics';
import { JobData, QueueName } from '../queue/queue-names';
import { PERIODIC_TASKS, PeriodicTask, QUEUE_PROCESSORS, QueueProcessor } from '../queue/queue-processor';
import { QueueRegistry } from '../queue/queue-registry';
import { waitingOutDatabaseOutages } from '../queue/outage-processor';

const MIGRATION_POLL_MS = 2000;

/**
 * The queue worker: starts a BullMQ worker for each processor the features registered, and a polling loop for each
 * of their periodic tasks (worker.module.ts lists both). On shutdown (SIGTERM) it stops taking work, lets active jobs
 * finish, and only then lets the database connections close.
 */
@Injectable()
export class WorkerRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private workers: Worker[] = [];
  private deadlineAction: (() => void) | null = null;
  private loops: PollingLoop[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly metrics: QueueMetrics,
    private readonly processWorkers: ProcessWorkers,
    @Inject(QUEUE_PROCESSORS) private readonly processors: QueueProcessor[],
    @Inject(PERIODIC_TASKS) private readonly tasks: PeriodicTask[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.waitForMigrations();
    this.workers = this.processors.map((processor) =>
      this.startWorker(
        processor.queue,
        (job: Job<JobData<QueueName>>) => processor.process(job),
        processor.workerOptions,
      ),
    );
    this.loops = this.tasks.map((task) => new PollingLoop(task.name, task.intervalMs, () => task.run(), this.logger));
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
      await Promise.all(this.processors.map(async (processor) => processor.drained?.()));
    } finally {
      clearTimeout(deadline);
    }
    this.logger.log('Worker stopped');
  }

  private startWorker<Q extends QueueName>(name: Q, processor: Processor, options: Partial<WorkerOptions>): Worker {
    const { connection, prefix } = this.queues.get(name).opts;
    const worker: Worker = new Worker(
      name,
      waitingOutDatabaseOutages(name, processor, () => worker, this.logger),
      {
        connection,
        prefix,
        // The PostgreSQL backend (embedded mode) polls instead of blocking: look for new jobs every second.
        ...(this.config.queue.backend === 'postgres' ? { drainDelay: 1 } : {}),
        ...options,
      },
    );
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
