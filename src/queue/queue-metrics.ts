import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import { QueueRegistry, withinMs } from './queue-registry';

const DEPTH_STATES = ['wait', 'delayed', 'active', 'failed', 'prioritized', 'waiting-children'] as const;
const SCRAPE_TIMEOUT_MS = 1000;

/** Queue and reminder metrics, on the application's one registry. */
@Injectable()
export class QueueMetrics {
  readonly processed: Counter<'queue'>;
  readonly failed: Counter<'queue'>;
  readonly reminderLateness: Histogram;
  readonly requeued: Counter<'queue'>;

  constructor(metrics: MetricsService, queues: QueueRegistry) {
    const registers = [metrics.registry];
    new Gauge({
      name: 'queue_depth',
      help: 'Jobs per queue and state, read from the queue backend on scrape',
      labelNames: ['queue', 'state'] as const,
      registers,
      async collect() {
        this.reset();
        await Promise.all(
          queues.all().map(async (queue) => {
            const counts = await withinMs(queue.getJobCounts(...DEPTH_STATES), SCRAPE_TIMEOUT_MS).catch(
              () => undefined,
            );
            for (const [state, count] of Object.entries(counts ?? {})) {
              this.set({ queue: queue.name, state }, count);
            }
          }),
        );
      },
    });
    this.processed = new Counter({
      name: 'queue_jobs_processed_total',
      help: 'Jobs this process completed, per queue',
      labelNames: ['queue'] as const,
      registers,
    });
    this.failed = new Counter({
      name: 'queue_jobs_failed_total',
      help: 'Job attempts that failed in this process, per queue',
      labelNames: ['queue'] as const,
      registers,
    });
    this.requeued = new Counter({
      name: 'queue_jobs_requeued_total',
      help: 'Jobs the reconciler found missing (or failed) for a pending row and enqueued again, per queue',
      labelNames: ['queue'] as const,
      registers,
    });
    this.reminderLateness = new Histogram({
      name: 'reminder_lateness_seconds',
      help: "Seconds between a reminder's due time and its delivery",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
      registers,
    });
  }
}
