import { CASE_EVENT_TYPES } from '../cases/case-events';
import { NOTIFICATION_EVENT_TYPES } from '../notifications/notification-events';
import { everyEventType } from '../outbox/outbox-events';

/** Events a webhook subscription may ask for: every outbox event type, from the features' catalogues. */
export const WEBHOOK_EVENT_TYPES = everyEventType([...NOTIFICATION_EVENT_TYPES, ...CASE_EVENT_TYPES]);

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The Standard Webhooks message id of an outbox event: the same for every retry and redelivery. */
export const messageIdOf = (outboxEventId: string) => `msg_${outboxEventId.replace(/-/g, '')}`;

export interface WebhookMessage {
  type: string;
  /** When the change happened (the outbox event was written), not when it is sent. */
  occurredAt: Date;
  /** The message's place among its subscription's messages: 1, 2, 3, … Receivers order by it. */
  sequence: number;
  data: Record<string, unknown>;
}

/**
 * The body receivers get: `{ type, timestamp, sequence, data }` (Standard Webhooks' shape, with the sequence).
 * `timestamp` is when the event occurred; the `webhook-timestamp` header is when this attempt was signed.
 */
export function webhookBody(message: WebhookMessage): string {
  return JSON.stringify({
    type: message.type,
    timestamp: message.occurredAt.toISOString(),
    sequence: message.sequence,
    data: message.data,
  });
}
