/** Events a webhook subscription may ask for (outbox event types). */
export const WEBHOOK_EVENT_TYPES = [
  'notification.created',
  'case.created',
  'case.step.activated',
  'case.step.completed',
  'case.step.skipped',
  'case.closed',
] as const;

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
