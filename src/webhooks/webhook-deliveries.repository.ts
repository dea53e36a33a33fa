import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { PendingRow, PendingRows } from '../queue/pending-row-jobs';
import { WebhookDeliveryStatus } from './entities/webhook-delivery.entity';

/** A delivery to write: one message of one event to one subscription. */
export interface NewDelivery {
  subscriptionId: string;
  outboxEventId: string;
  messageId: string;
  eventType: string;
  sequence: number;
  body: string;
}

/** A delivery with what an attempt needs of its subscription (one statement: the attempt's first round trip). */
export interface DeliveryTarget {
  id: string;
  message_id: string;
  body: string;
  status: WebhookDeliveryStatus;
  subscription_id: string;
  organization_id: string;
  url: string;
  secret_ciphertext: string;
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: Date | null;
  deleted_at: Date | null;
}

/** The SQL of webhook deliveries. Every method runs on the manager it is given. */
@Injectable()
export class WebhookDeliveriesRepository implements PendingRows {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** All in one statement; a second dispatch of the same event to the same subscription writes nothing. */
  async add(manager: EntityManager, deliveries: NewDelivery[]): Promise<void> {
    await manager.query(
      `INSERT INTO webhook_delivery (subscription_id, outbox_event_id, message_id, event_type, sequence, body)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::bigint[], $6::text[])
       ON CONFLICT (outbox_event_id, subscription_id) WHERE redelivery_of IS NULL DO NOTHING`,
      [
        deliveries.map((d) => d.subscriptionId),
        deliveries.map((d) => d.outboxEventId),
        deliveries.map((d) => d.messageId),
        deliveries.map((d) => d.eventType),
        deliveries.map((d) => d.sequence),
        deliveries.map((d) => d.body),
      ],
    );
  }

  /** Reads the subscription in the same statement (webhook_subscription is the webhooks feature's table too). */
  async target(manager: EntityManager, id: string): Promise<DeliveryTarget | undefined> {
    const [target] = await manager.query<DeliveryTarget[]>(
      `SELECT d.id, d.message_id, d.body, d.status, d.subscription_id, s.organization_id, s.url, s.secret_ciphertext,
              s.previous_secret_ciphertext, s.previous_secret_expires_at, s.deleted_at
         FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id WHERE d.id = $1`,
      [id],
    );
    return target;
  }

  async cancelPending(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE webhook_delivery SET status = 'cancelled', updated_at = now() WHERE id = $1 AND status = 'pending'`,
      [id],
    );
  }

  /** Records one attempt on a pending delivery; a status other than pending completes it. */
  async recordAttempt(
    manager: EntityManager,
    id: string,
    attempt: { statusCode: number | null; error: string | null; status: WebhookDeliveryStatus },
  ): Promise<void> {
    await manager.query(
      `UPDATE webhook_delivery
          SET attempts = attempts + 1, last_status_code = $2, last_error = $3, last_attempt_at = now(), status = $4::varchar,
              completed_at = CASE WHEN $4::varchar = 'pending' THEN NULL ELSE now() END, updated_at = now()
        WHERE id = $1 AND status = 'pending'`,
      [id, attempt.statusCode, attempt.error, attempt.status],
    );
  }

  /** Pending deliveries not on the queue yet, oldest first. */
  unqueued(limit: number): Promise<PendingRow[]> {
    return this.dataSource.query<PendingRow[]>(
      `SELECT id, created_at AS run_at FROM webhook_delivery WHERE status = 'pending' AND queued_at IS NULL ORDER BY created_at, id LIMIT $1`,
      [limit],
    );
  }

  async markQueued(ids: string[]): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_delivery SET queued_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  queuedPending(afterId: string | null, limit: number): Promise<PendingRow[]> {
    return this.dataSource.query<PendingRow[]>(
      `SELECT id, created_at AS run_at FROM webhook_delivery
        WHERE status = 'pending' AND queued_at IS NOT NULL AND ($1::uuid IS NULL OR id > $1::uuid)
        ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }
}
