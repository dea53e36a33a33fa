import { Module } from '@nestjs/common';
import { AuditCheckpointScheduler } from '../audit/audit-checkpoint.scheduler';
import { NotificationsModule } from '../notifications/notifications.module';
import { listOf, PERIODIC_TASKS, QUEUE_PROCESSORS, ROW_JOB_SOURCES } from '../queue/queue-processor';
import { QueueReconciler } from '../queue/queue-reconciler.service';
import { ReminderJobs } from '../reminders/reminder-jobs';
import { ReminderProcessingModule } from '../reminders/reminder-processing.module';
import { ReminderScheduler } from '../reminders/reminder-scheduler.service';
import { ReminderProcessor } from '../reminders/reminder.processor';
import { WebhookDeliveryJobs } from '../webhooks/webhook-delivery-jobs';
import { WebhookDeliveryProcessor } from '../webhooks/webhook-delivery.processor';
import { WebhookDispatch } from '../webhooks/webhook-dispatch.task';
import { WebhookProcessingModule } from '../webhooks/webhook-processing.module';
import { WorkerRunner } from './worker-runner.service';

/**
 * The worker, composed: each feature's processing module brings its processor, periodic tasks and row-job
 * source, and this module lists them for the runner and the reconciler. Left out of API-only processes.
 */
@Module({
  imports: [ReminderProcessingModule.notifyingThrough(NotificationsModule), WebhookProcessingModule],
  providers: [
    listOf(ROW_JOB_SOURCES, [ReminderJobs, WebhookDeliveryJobs]),
    QueueReconciler,
    listOf(QUEUE_PROCESSORS, [ReminderProcessor, WebhookDeliveryProcessor, QueueReconciler]),
    listOf(PERIODIC_TASKS, [ReminderScheduler, WebhookDispatch, QueueReconciler]),
    WorkerRunner,
    AuditCheckpointScheduler,
  ],
})
export class WorkerModule {}
