import { Module } from '@nestjs/common';
import { REMINDER_NOTIFIER } from '../reminders/reminder-notifier';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { ReminderNotifications } from './reminder-notifications';

@Module({
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    NotificationsRepository,
    ReminderNotifications,
    { provide: REMINDER_NOTIFIER, useExisting: ReminderNotifications },
  ],
  exports: [REMINDER_NOTIFIER],
})
export class NotificationsModule {}
