import { QueueName } from '../queue/queue-names';
import type { QueueOptions } from '../queue/queue-options';

/** Delivery takes milliseconds and fails only while the database does: quick retries, short retention. */
export const REMINDER_QUEUE: QueueOptions = {
  name: QueueName.Reminders,
  defaultJobOptions: {
    attempts: 10,
    backoff: { type: 'exponential', delay: 1000, jitter: 0.2 },
    removeOnComplete: { age: 3600, count: 10000 },
    removeOnFail: { age: 7 * 86400 },
  },
};

/** A fixed job id makes enqueueing idempotent. BullMQ job ids may not contain ':'. */
export const reminderJobId = (reminderId: string) => `reminder-${reminderId}`;
