import type { JobsOptions } from 'bullmq';
import { WEBHOOK_ATTEMPTS, WEBHOOK_BACKOFF_TYPE } from '../webhooks/webhook-retry';

/** Every queue, named once. Names carry no ':' (BullMQ job ids and keys use it). */
export enum QueueName {
  Reminders = 'reminders',
  Webhooks = 'webhooks',
  Maintenance = 'maintenance',
}

export const QUEUE_NAMES = Object.values(QueueName);

/** Every job, by queue: payloads carry ids only; the processor reloads the row and no-ops if it is no longer due. */
export interface JobPayloads {
  [QueueName.Reminders]: { name: 'reminder.deliver'; data: { reminderId: string } };
  [QueueName.Webhooks]: { name: 'webhook.deliver'; data: { deliveryId: string } };
  [QueueName.Maintenance]: { name: 'queues.reconcile'; data: Record<string, never> };
}

export type JobName<Q extends QueueName> = JobPayloads[Q]['name'];
export type JobData<Q extends QueueName> = JobPayloads[Q]['data'];

/** Fixed job ids make enqueueing idempotent. BullMQ job ids may not contain ':'. */
export const reminderJobId = (reminderId: string) => `reminder-${reminderId}`;
export const webhookDeliveryJobId = (deliveryId: string) => `webhook-${deliveryId}`;

/** Attempts, backoff and retention per queue, in one table. */
export const QUEUE_JOB_OPTIONS: Record<QueueName, JobsOptions> = {
  [QueueName.Reminders]: {
    attempts: 10,
    backoff: { type: 'exponential', delay: 1000, jitter: 0.2 },
    removeOnComplete: { age: 3600, count: 10000 },
    removeOnFail: { age: 7 * 86400 },
  },
  // Capped exponential backoff with jitter for at least 24 hours (webhook-retry.ts), then the delivery is failed.
  [QueueName.Webhooks]: {
    attempts: WEBHOOK_ATTEMPTS,
    backoff: { type: WEBHOOK_BACKOFF_TYPE },
    removeOnComplete: { age: 86400, count: 10000 },
    removeOnFail: { age: 7 * 86400 },
  },
  [QueueName.Maintenance]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: true,
    removeOnFail: { age: 86400 },
  },
};
