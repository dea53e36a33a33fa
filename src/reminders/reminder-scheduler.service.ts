import { Injectable, Logger } from '@nestjs/common';
import { QueueName } from '../queue/queue-names';
import type { PeriodicTask } from '../queue/queue-processor';
import { QueueRegistry } from '../queue/queue-registry';
import { RowJobFeeder } from '../queue/row-jobs';
import { ReminderJobs } from './reminder-jobs';

const REMOVE_BATCH = 1000;

/**
 * Keeps the reminders queue in step with the reminder table, every second in the worker: pending reminders due
 * within the horizon become delayed jobs, and the jobs of cancelled reminders are removed (the processor would
 * no-op anyway).
 */
@Injectable()
export class ReminderScheduler implements PeriodicTask {
  readonly name = 'reminder scheduling';
  readonly intervalMs = 1000;
  private readonly logger = new Logger(ReminderScheduler.name);

  constructor(
    private readonly feeder: RowJobFeeder,
    private readonly jobs: ReminderJobs,
    private readonly queues: QueueRegistry,
  ) {}

  async run(): Promise<void> {
    const queued = await this.feeder.feed(this.jobs);
    if (queued > 0) {
      this.logger.debug(`${queued} reminders queued`);
    }
    await this.removeCancelled();
  }

  private async removeCancelled(): Promise<void> {
    const queue = this.queues.get(QueueName.Reminders);
    for (;;) {
      const cancelled = await this.jobs.cancelledQueued(REMOVE_BATCH);
      if (cancelled.length === 0) {
        return;
      }
      // An active job is locked and stays; it finds its reminder no longer pending and does nothing.
      await Promise.all(cancelled.map((reminder) => queue.remove(reminder.jobId)));
      await this.jobs.markDequeued(cancelled.map((reminder) => reminder.id));
      if (cancelled.length < REMOVE_BATCH) {
        return;
      }
    }
  }
}
