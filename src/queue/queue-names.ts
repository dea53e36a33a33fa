import type { JobsOptions } from 'bullmq';

/** Every queue, named once. Names carry no ':' (BullMQ job ids and keys use it). */
export enum QueueName {
  Reminders = 'reminders',
  Webhooks = 'webhooks',
  Maintenance = 'maintenance',
}

export const QUEUE_NAMES = Object.values(QueueName);

/** Attempts, backoff and retention per queue, in one table. */
export const QUEUE_JOB_OPTIONS: Record<QueueName, JobsOptions> = {
  [QueueName.Reminders]: { attempts: 10, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 3600, count: 10000 }, removeOnFail: { age: 7 * 86400 } },
  [QueueName.Webhooks]: { attempts: 1, removeOnComplete: { age: 86400, count: 10000 }, removeOnFail: { age: 7 * 86400 } },
  [QueueName.Maintenance]: { attempts: 3, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: true, removeOnFail: { age: 86400 } },
};
