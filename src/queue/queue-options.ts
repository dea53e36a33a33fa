import type { JobsOptions } from 'bullmq';
import { QueueName } from './queue-names';

/** A queue and its jobs' defaults (attempts, backoff, retention), declared by the feature that owns the queue. */
export interface QueueOptions {
  name: QueueName;
  defaultJobOptions: JobsOptions;
}

/** The queue's own: the reconciler's jobs. */
export const MAINTENANCE_QUEUE: QueueOptions = {
  name: QueueName.Maintenance,
  defaultJobOptions: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: true,
    removeOnFail: { age: 86400 },
  },
};

/** Every queue once, in QueueName's order: a queue missing or given twice stops the start. */
export function everyQueueOnce(queues: QueueOptions[]): QueueOptions[] {
  const named = new Map(queues.map((queue) => [queue.name, queue]));
  const missing = Object.values(QueueName).filter((name) => !named.has(name));
  if (missing.length > 0 || named.size !== queues.length) {
    throw new Error(`Every queue needs its options once; missing: ${missing.join(', ') || 'none'}`);
  }
  return Object.values(QueueName).map((name) => named.get(name) as QueueOptions);
}
