import { Module } from '@nestjs/common';
import { AdoptionReviewSubjectCheck } from '../adoptions/adoption-review.check';
import { AuditCheckpointScheduler } from '../audit/audit-checkpoint.scheduler';
import { ReminderDeliveryService } from '../reminders/reminder-delivery.service';
import { ReminderJobs } from '../reminders/reminder-jobs';
import { ReminderScheduler } from '../reminders/reminder-scheduler.service';
import { REMINDER_SUBJECT_CHECKS, ReminderSubjectCheck } from '../reminders/reminder-subject';
import { CaseStepSubjectCheck } from '../reminders/subjects/case-step-subject.check';
import { OutboxDispatcher } from '../webhooks/outbox-dispatcher.service';
import { WebhookDeliverer } from '../webhooks/webhook-deliverer.service';
import { WebhookDeliveryJobs } from '../webhooks/webhook-delivery-jobs';
import { WebhookSecretsModule } from '../webhooks/webhook-secrets.module';
import { QueueReconciler } from './queue-reconciler.service';
import { RowJobFeeder } from './row-jobs';
import { WorkerRunner } from './worker-runner.service';

/** Everything that turns rows into queue work and processes it. Left out of API-only processes. */
@Module({
  imports: [WebhookSecretsModule],
  providers: [
    CaseStepSubjectCheck,
    AdoptionReviewSubjectCheck,
    {
      provide: REMINDER_SUBJECT_CHECKS,
      useFactory: (...checks: ReminderSubjectCheck[]) => checks,
      inject: [CaseStepSubjectCheck, AdoptionReviewSubjectCheck],
    },
    ReminderDeliveryService,
    ReminderJobs,
    ReminderScheduler,
    WebhookDeliveryJobs,
    OutboxDispatcher,
    WebhookDeliverer,
    RowJobFeeder,
    QueueReconciler,
    WorkerRunner,
    AuditCheckpointScheduler,
  ],
  exports: [ReminderDeliveryService, QueueReconciler, RowJobFeeder],
})
export class WorkerModule {}
