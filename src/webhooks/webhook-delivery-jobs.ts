import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QueueName } from '../queue/queue-names';
import { PendingRowJobs, PendingRowTable } from '../queue/pending-row-jobs';
import type { RowJob } from '../queue/row-jobs';
import { webhookDeliveryJobId } from './webhook-queue';

/** Pending webhook deliveries (written by the outbox dispatcher or a redelivery request) become jobs `webhook-<id>`. */
@Injectable()
export class WebhookDeliveryJobs extends PendingRowJobs<QueueName.Webhooks> {
  readonly queue = QueueName.Webhooks;
  protected readonly rows: PendingRowTable = { table: 'webhook_delivery', runAt: 'created_at' };

  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  protected toJob(id: string, runAt: Date): RowJob<QueueName.Webhooks> {
    return { id, jobId: webhookDeliveryJobId(id), name: 'webhook.deliver', data: { deliveryId: id }, runAt };
  }
}
