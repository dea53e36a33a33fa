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

/** The body receivers get: `{ type, timestamp, data }`. */
export function webhookBody(type: string, occurredAt: Date, data: Record<string, unknown>): string {
  return JSON.stringify({ type, timestamp: occurredAt.toISOString(), data });
}
