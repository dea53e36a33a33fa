import { Injectable, Logger } from '@nestjs/common';
import { QueueName } from '../queue/queue-names';
import { QueueRegistry } from '../queue/queue-registry';
import { ReminderJobs } from '../reminders/reminder-jobs';
import { WebhookDeliveryJobs } from '../webhooks/webhook-delivery-jobs';
import { RowJobFeeder } from './row-jobs';

export const RECONCILER_ID = 'queues-reconcile';
export const RECONCILE_EVERY_MS = 30_000;

/**
 * The reconciler: a BullMQ job scheduler on the maintenance queue that regularly puts back the jobs of
 * pending rows the queue backend lost. Redis losing its data takes the scheduler with it, so every worker
 * also checks, every few seconds, that the scheduler exists, and recreates it (which runs it at once).
 */
@Injectable()
export class QueueReconciler {
  private readonly logger = new Logger(QueueReconciler.name);

  constructor(
    private readonly queues: QueueRegistry,
    private readonly feeder: RowJobFeeder,
    private readonly reminderJobs: ReminderJobs,
    private readonly deliveryJobs: WebhookDeliveryJobs,
  ) {}

  async ensureScheduled(): Promise<void> {
    const maintenance = this.queues.get(QueueName.Maintenance);
    if (await maintenance.getJobScheduler(RECONCILER_ID)) {
      return;
    }
    await maintenance.upsertJobScheduler(
      RECONCILER_ID,
      { every: RECONCILE_EVERY_MS },
      { name: 'queues.reconcile', data: {} },
    );
    this.logger.log('Reconciler scheduled (first start, or the queue backend lost its data)');
  }

  async reconcile(): Promise<{ reminders: number; deliveries: number }> {
    const reminders = await this.feeder.reconcile(this.reminderJobs);
    const deliveries = await this.feeder.reconcile(this.deliveryJobs);
    return { reminders: reminders.requeued + reminders.retried, deliveries: deliveries.requeued + deliveries.retried };
  }
}
