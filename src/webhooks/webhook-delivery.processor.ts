import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobData, QueueName } from '../queue/queue-names';
import type { QueueProcessor } from '../queue/queue-processor';
import { AttemptOutcome, WebhookDelivererService } from './webhook-deliverer.service';
import { webhookRetryDelay } from './webhook-retry';

/** The webhooks queue's processor: one delivery attempt per job, the last one failing the delivery for good. */
@Injectable()
export class WebhookDeliveryProcessor implements QueueProcessor<QueueName.Webhooks> {
  readonly queue = QueueName.Webhooks;
  readonly workerOptions = {
    concurrency: 20,
    settings: { backoffStrategy: (attemptsMade: number) => webhookRetryDelay(attemptsMade) },
  };

  constructor(private readonly deliverer: WebhookDelivererService) {}

  process(job: Job<JobData<QueueName.Webhooks>>): Promise<AttemptOutcome> {
    return this.deliverer.attempt(job.data.deliveryId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
  }
}
