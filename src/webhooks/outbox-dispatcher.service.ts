import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { tryTransactionLock } from '../database/transaction-control';
import { OutboxRepository } from '../outbox/outbox.repository';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { messageIdOf, webhookBody } from './webhook-events';
import { WebhookSubscriptionsRepository } from './webhook-subscriptions.repository';

const BATCH_SIZE = 500;
/** Held by the one dispatcher running: sequence numbers then follow the events' order whichever worker dispatches. */
const DISPATCH_LOCK_KEY = 748_213_010;

/**
 * Turns committed outbox events into webhook delivery rows, one per matching subscription of the organisations
 * the event concerns, each with the subscription's next sequence number (events in the order they were written).
 * One worker dispatches at a time (the others skip their turn); a unique key keeps a second dispatch of one event
 * from making a second delivery.
 */
@Injectable()
export class OutboxDispatcherService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly subscriptions: WebhookSubscriptionsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
  ) {}

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
      if (!(await tryTransactionLock(manager, DISPATCH_LOCK_KEY))) {
        return { events: 0, deliveries: 0 };
      }
      const events = await this.outbox.undispatched(manager, BATCH_SIZE);
      if (events.length === 0) {
        return { events: 0, deliveries: 0 };
      }
      const organizationIds = [...new Set(events.flatMap((event) => event.organization_ids))];
      const subscribers = await this.subscriptions.subscribersOf(manager, organizationIds);
      const matches = events.flatMap((event) =>
        subscribers
          .filter(
            (subscriber) =>
              event.organization_ids.includes(subscriber.organization_id) && subscriber.events.includes(event.type),
          )
          .map((subscriber) => ({ event, subscriptionId: subscriber.id })),
      );
      if (matches.length > 0) {
        const next = await this.reserveSequences(
          manager,
          matches.map((match) => match.subscriptionId),
        );
        await this.deliveries.add(
          manager,
          matches.map(({ event, subscriptionId }) => {
            const sequence = next(subscriptionId);
            return {
              subscriptionId,
              outboxEventId: event.id,
              messageId: messageIdOf(event.id),
              eventType: event.type,
              sequence,
              body: webhookBody({ type: event.type, occurredAt: event.created_at, sequence, data: event.payload }),
            };
          }),
        );
      }
      await this.outbox.markDispatched(
        manager,
        events.map((event) => event.id),
      );
      return { events: events.length, deliveries: matches.length };
    });
  }

  /** Takes as many sequence numbers from each subscription's counter as it gets messages; hands them out in order. */
  private async reserveSequences(
    manager: EntityManager,
    subscriptionIds: string[],
  ): Promise<(subscriptionId: string) => number> {
    const counts = new Map<string, number>();
    for (const id of subscriptionIds) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const last = await this.subscriptions.advanceSequences(manager, counts);
    const next = new Map([...last].map(([id, number]) => [id, number - (counts.get(id) as number) + 1]));
    return (subscriptionId) => {
      const sequence = next.get(subscriptionId) as number;
      next.set(subscriptionId, sequence + 1);
      return sequence;
    };
  }
}
