import { QueueName } from '../queue/queue-names';
import type { QueueOptions } from '../queue/queue-options';
import { WEBHOOK_ATTEMPTS, WEBHOOK_BACKOFF_TYPE } from './webhook-retry';

/** Capped exponential backoff with jitter for at least 24 hours (webhook-retry.ts), then the delivery is failed. */
export const WEBHOOK_QUEUE: QueueOptions = {
  name: QueueName.Webhooks,
  defaultJobOptions: {
    attempts: WEBHOOK_ATTEMPTS,
    backoff: { type: WEBHOOK_BACKOFF_TYPE },
    removeOnComplete: { age: 86400, count: 10000 },
    removeOnFail: { age: 7 * 86400 },
  },
};

/** A fixed job id makes enqueueing idempotent. BullMQ job ids may not contain ':'. */
export const webhookDeliveryJobId = (deliveryId: string) => `webhook-${deliveryId}`;
