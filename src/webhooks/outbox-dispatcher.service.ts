import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { messageIdOf, webhookBody } from './webhook-events';

const BATCH_SIZE = 500;

interface PendingEvent {
  id: string;
  type: string;
  organization_ids: string[];
  payload: Record<string, unknown>;
  created_at: Date;
}

interface Subscriber {
  id: string;
  organization_id: string;
  events: string[];
}

/**
 * Turns committed outbox events into webhook delivery rows, one per matching subscription of the
 * organisations the event concerns. Workers split the events (SKIP LOCKED); a unique key keeps a
 * second dispatch of one event from making a second delivery.
 */
@Injectable()
export class OutboxDispatcher {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Dispatches every undispatched event; answers how many deliveries it wrote. */
  async dispatchAll(): Promise<number> {
    let written = 0;
    for (;;) {
      const batch = await this.dispatchBatch();
      written += batch.deliveries;
      if (batch.events < BATCH_SIZE) return written;
    }
  }

  private dispatchBatch(): Promise<{ events: number; deliveries: number }> {
    return this.dataSource.transaction(async (manager) => {
      const events = (await manager.query(
        `SELECT id, type, organization_ids, payload, created_at FROM outbox_event
          WHERE dispatched_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      )) as PendingEvent[];
      if (events.length === 0) return { events: 0, deliveries: 0 };
      const organizationIds = [...new Set(events.flatMap((event) => event.organization_ids))];
      const subscribers = (await manager.query(
        `SELECT id, organization_id, events FROM webhook_subscription WHERE deleted_at IS NULL AND organization_id = ANY($1::uuid[])`,
        [organizationIds],
      )) as Subscriber[];
      const deliveries = events.flatMap((event) =>
        subscribers
          .filter((subscriber) => event.organization_ids.includes(subscriber.organization_id) && subscriber.events.includes(event.type))
          .map((subscriber) => [subscriber.id, event.id, messageIdOf(event.id), event.type, webhookBody(event.type, event.created_at, event.payload)]),
      );
      if (deliveries.length > 0) {
        await manager.query(
          `INSERT INTO webhook_delivery (subscription_id, outbox_event_id, message_id, event_type, body)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::text[])
           ON CONFLICT (outbox_event_id, subscription_id) WHERE redelivery_of IS NULL DO NOTHING`,
          [0, 1, 2, 3, 4].map((column) => deliveries.map((delivery) => delivery[column])),
        );
      }
      await manager.query(`UPDATE outbox_event SET dispatched_at = now() WHERE id = ANY($1::uuid[])`, [events.map((event) => event.id)]);
      return { events: events.length, deliveries: deliveries.length };
    });
  }
}
