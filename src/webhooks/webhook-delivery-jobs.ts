import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QueueName, webhookDeliveryJobId } from '../queue/queue-names';
import type { RowJob, RowJobSource } from '../worker/row-jobs';

type DeliveryRow = { id: string; created_at: Date };

const toJob = (row: DeliveryRow): RowJob<QueueName.Webhooks> => ({
  id: row.id,
  jobId: webhookDeliveryJobId(row.id),
  name: 'webhook.deliver',
  data: { deliveryId: row.id },
  runAt: row.created_at,
});

/** Pending webhook deliveries (written by the outbox dispatcher or a redelivery request) become jobs `webhook-<id>`. */
@Injectable()
export class WebhookDeliveryJobs implements RowJobSource<QueueName.Webhooks> {
  readonly queue = QueueName.Webhooks;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async unqueued(limit: number): Promise<RowJob<QueueName.Webhooks>[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, created_at FROM webhook_delivery WHERE status = 'pending' AND queued_at IS NULL ORDER BY created_at, id LIMIT $1`,
      [limit],
    )) as DeliveryRow[];
    return rows.map(toJob);
  }

  async markQueued(ids: string[]): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_delivery SET queued_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async queuedPending(afterId: string | null, limit: number): Promise<RowJob<QueueName.Webhooks>[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, created_at FROM webhook_delivery
        WHERE status = 'pending' AND queued_at IS NOT NULL AND ($1::uuid IS NULL OR id > $1::uuid)
        ORDER BY id LIMIT $2`,
      [afterId, limit],
    )) as DeliveryRow[];
    return rows.map(toJob);
  }
}
