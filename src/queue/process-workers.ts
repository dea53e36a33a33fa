import { Injectable } from '@nestjs/common';
import type { Worker } from 'bullmq';

/**
 * The queue workers this process runs. BullMQ finds workers by their named connections (Redis CLIENT LIST, or
 * application_name in pg_stat_activity on its PostgreSQL backend); PGlite has one session behind every connection
 * and no such list, so in embedded mode — where the workers always run in the API's process — the queue dashboard
 * asks here instead.
 */
@Injectable()
export class ProcessWorkers {
  private readonly started = new Map<Worker, number>();

  add(worker: Worker): void {
    this.started.set(worker, Date.now());
    worker.once('closed', () => this.started.delete(worker));
  }

  /** The running workers of a queue, with how long each has run (seconds). */
  of(queueName: string): { worker: Worker; ageSeconds: number }[] {
    return [...this.started]
      .filter(([worker]) => worker.name === queueName && worker.isRunning())
      .map(([worker, since]) => ({ worker, ageSeconds: Math.floor((Date.now() - since) / 1000) }));
  }
}
