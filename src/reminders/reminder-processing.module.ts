import { DynamicModule, Module, Type } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { ReminderJobs } from './reminder-jobs';
import { ReminderScheduler } from './reminder-scheduler.service';
import { ReminderProcessor } from './reminder.processor';
import { RemindersModule } from './reminders.module';

/** The worker's part of reminders: scheduling rows onto the queue, and delivering them. */
@Module({})
export class ReminderProcessingModule {
  /** `notifications`: the module that provides REMINDER_NOTIFIER. */
  static notifyingThrough(notifications: Type): DynamicModule {
    return {
      module: ReminderProcessingModule,
      imports: [RemindersModule, UsersModule, notifications],
      providers: [ReminderDeliveryService, ReminderJobs, ReminderScheduler, ReminderProcessor],
      exports: [ReminderDeliveryService, ReminderJobs, ReminderScheduler, ReminderProcessor],
    };
  }
}
