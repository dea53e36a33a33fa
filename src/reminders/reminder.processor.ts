import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { MicroBatcher } from '../queue/micro-batcher';
import { JobData, QueueName } from '../queue/queue-names';
import type { QueueProcessor } from '../queue/queue-processor';
import { DeliveryOutcome, ReminderDeliveryService, ReminderNotDueYet } from './reminder-delivery.service';

/** The reminders queue's processor: each job's reminder joins a batch delivered in one transaction. */
@Injectable()
export class ReminderProcessor implements QueueProcessor<QueueName.Reminders> {
  readonly queue = QueueName.Reminders;
  readonly workerOptions = {
    concurrency: 400,
    // Delivery takes milliseconds: a crashed worker's jobs are back on the queue within about 25 s.
    lockDuration: 15_000,
    stalledInterval: 10_000,
    maxStalledCount: 2,
  };
  private readonly batches: MicroBatcher<string, DeliveryOutcome>;

  constructor(delivery: ReminderDeliveryService) {
    this.batches = new MicroBatcher((ids) => delivery.deliver(ids), { maxSize: 100, maxWaitMs: 5, maxConcurrent: 3 });
  }

  async process(job: Job<JobData<QueueName.Reminders>>): Promise<DeliveryOutcome> {
    const outcome = await this.batches.submit(job.data.reminderId);
    if (outcome === 'early') {
      throw new ReminderNotDueYet(job.data.reminderId);
    }
    return outcome;
  }

  drained(): Promise<void> {
    return this.batches.drained();
  }
}
