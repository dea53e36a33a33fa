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
