import { Injectable } from '@nestjs/common';
import { QueueName } from '../queue/queue-names';
import { PendingRowJobs } from '../queue/pending-row-jobs';
import type { RowJob } from '../queue/row-jobs';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { webhookDeliveryJobId } from './webhook-queue';

/** Pending webhook deliveries (written by the outbox dispatcher or a redelivery request) become jobs `webhook-<id>`. */
@Injectable()
export class WebhookDeliveryJobs extends PendingRowJobs<QueueName.Webhooks> {
  readonly queue = QueueName.Webhooks;

  constructor(deliveries: WebhookDeliveriesRepository) {
    super(deliveries);
  }

  protected toJob(id: string, runAt: Date): RowJob<QueueName.Webhooks> {
    return { id, jobId: webhookDeliveryJobId(id), name: 'webhook.deliver', data: { deliveryId: id }, runAt };
  }
}
