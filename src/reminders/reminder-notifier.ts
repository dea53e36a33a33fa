import type { EntityManager } from 'typeorm';
import type { DueReminder, SubjectDetails } from './reminder-subject';

/** A reminder being sent: its subject's details and the users it reaches. */
export interface ReminderDelivery {
  reminder: DueReminder;
  details: SubjectDetails;
  recipients: string[];
}

/**
 * Turns sent reminders into notifications, in the delivery's transaction. The notifications module implements it
 * (it owns the notification table and its event) and the worker hands it to reminder processing.
 */
export interface ReminderNotifier {
  notify(manager: EntityManager, deliveries: ReminderDelivery[]): Promise<void>;
}

export const REMINDER_NOTIFIER = Symbol('REMINDER_NOTIFIER');
