import { Module } from '@nestjs/common';
import { AdoptionReviewSubjectCheck } from '../adoptions/adoption-review.check';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { ReminderJobs } from './reminder-jobs';
import { ReminderScheduler } from './reminder-scheduler.service';
import { REMINDER_SUBJECT_CHECKS, ReminderSubjectCheck } from './reminder-subject';
import { ReminderProcessor } from './reminder.processor';
import { CaseStepSubjectCheck } from './subjects/case-step-subject.check';

/** The worker's part of reminders: scheduling rows onto the queue, and delivering them. */
@Module({
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
    ReminderProcessor,
  ],
  exports: [ReminderDeliveryService, ReminderJobs, ReminderScheduler, ReminderProcessor],
})
export class ReminderProcessingModule {}
