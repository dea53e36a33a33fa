import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { messageIdOf, webhookBody } from './webhook-events';

const BATCH_SIZE = 500;
/** Held by the one dispatcher running: sequence numbers then follow the events' order whichever worker dispatches. */
const DISPATCH_LOCK_KEY = 748_213_010;

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
 * Turns committed outbox events into webhook delivery rows, one per matching subscription of the organisations
 * the event concerns, each with the subscription's next sequence number (events in the order they were written).
 * One worker dispatches at a time (the others skip their turn); a unique key keeps a second dispatch of one event
 * from making a second delivery.
 */
@Injectable()
export class OutboxDispatcherService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Dispatches every undispatched event; answers how many deliveries it wrote. */
  async dispatchAll(): Promise<number> {
    let written = 0;
    for (;;) {
      const batch = await this.dispatchBatch();
      written += batch.deliveries;
      if (batch.events < BATCH_SIZE) {
        return written;
      }
    }
  }

  private dispatchBatch(): Promise<{ events: number; deliveries: number }> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock($1) AS locked`,
        [DISPATCH_LOCK_KEY],
      );
      if (!locked) {
        return { events: 0, deliveries: 0 };
      }
      const events = await manager.query<PendingEvent[]>(
        `SELECT id, type, organization_ids, payload, created_at FROM outbox_event WHERE dispatched_at IS NULL ORDER BY seq LIMIT $1`,
        [BATCH_SIZE],
      );
      if (events.length === 0) {
        return { events: 0, deliveries: 0 };
      }
      const organizationIds = [...new Set(events.flatMap((event) => event.organization_ids))];
      const subscribers = await manager.query<Subscriber[]>(
        `SELECT id, organization_id, events FROM webhook_subscription WHERE deleted_at IS NULL AND organization_id = ANY($1::uuid[])`,
        [organizationIds],
      );
      const matches = events.flatMap((event) =>
        subscribers
          .filter(
            (subscriber) =>
              event.organization_ids.includes(subscriber.organization_id) && subscriber.events.includes(event.type),
          )
          .map((subscriber) => ({ event, subscriptionId: subscriber.id })),
      );
      if (matches.length > 0) {
        const next = await reserveSequences(
          manager,
          matches.map((match) => match.subscriptionId),
        );
        const deliveries = matches.map(({ event, subscriptionId }) => {
          const sequence = next(subscriptionId);
          return [
            subscriptionId,
            event.id,
            messageIdOf(event.id),
            event.type,
            sequence,
            webhookBody({ type: event.type, occurredAt: event.created_at, sequence, data: event.payload }),
          ];
        });
        await manager.query(
          `INSERT INTO webhook_delivery (subscription_id, outbox_event_id, message_id, event_type, sequence, body)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::bigint[], $6::text[])
           ON CONFLICT (outbox_event_id, subscription_id) WHERE redelivery_of IS NULL DO NOTHING`,
          [0, 1, 2, 3, 4, 5].map((column) => deliveries.map((delivery) => delivery[column])),
        );
      }
      await manager.query(`UPDATE outbox_event SET dispatched_at = now() WHERE id = ANY($1::uuid[])`, [
        events.map((event) => event.id),
      ]);
      return { events: events.length, deliveries: matches.length };
    });
  }
}

/** Takes as many sequence numbers from each subscription's counter as it gets messages; hands them out in order. */
async function reserveSequences(
  manager: EntityManager,
  subscriptionIds: string[],
): Promise<(subscriptionId: string) => number> {
  const counts = new Map<string, number>();
  for (const id of subscriptionIds) {
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  // An UPDATE answers [rows, affected count].
  const [rows] = await manager.query<[{ id: string; last: string }[], number]>(
    `UPDATE webhook_subscription s SET last_sequence = s.last_sequence + c.n
       FROM unnest($1::uuid[], $2::integer[]) AS c(id, n)
      WHERE s.id = c.id
     RETURNING s.id, s.last_sequence::text AS last`,
    [[...counts.keys()], [...counts.values()]],
  );
  const next = new Map(rows.map((row) => [row.id, Number(row.last) - (counts.get(row.id) as number) + 1]));
  return (subscriptionId) => {
    const sequence = next.get(subscriptionId) as number;
    next.set(subscriptionId, sequence + 1);
    return sequence;
  };
}
