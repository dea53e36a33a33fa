import type { OutboxEventType } from '../outbox/outbox-events';
import type { ReminderKind, ReminderSubject } from '../reminders/reminder-kind';

declare module '../outbox/outbox-events' {
  /** A reminder reached its recipients: to the reminder's organisation (the recipients as a count, never who). */
  interface OutboxEvents {
    'notification.created': {
      reminderId: string;
      kind: ReminderKind;
      subjectType: ReminderSubject;
      caseId: string | null;
      caseNumber: string | null;
      stepKey: string | null;
      adoptionId: string | null;
      /** When the reminder fell due. */
      remindAt: string;
      /** The deadline it is about (a case step's due time). */
      dueAt: string | null;
      /** The day an adoption's follow-up is due. */
      reviewDueOn: string | null;
      link: string;
      recipients: number;
    };
  }
}

export const NOTIFICATION_EVENT_TYPES = ['notification.created'] as const satisfies readonly OutboxEventType[];
