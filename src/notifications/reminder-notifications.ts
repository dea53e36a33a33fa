import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEvents } from '../outbox/outbox-events';
import { OutboxRepository } from '../outbox/outbox.repository';
import type { ReminderDelivery, ReminderNotifier } from '../reminders/reminder-notifier';
import { NotificationsRepository, NewNotification } from './notifications.repository';

/**
 * A sent reminder's notifications: one per recipient, and one `notification.created` outbox event for the
 * reminder's organisation when it reached anyone (in the delivery's transaction).
 */
@Injectable()
export class ReminderNotifications implements ReminderNotifier {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  async notify(manager: EntityManager, deliveries: ReminderDelivery[]): Promise<void> {
    await this.notifications.insertMany(manager, deliveries.flatMap(notificationsOf));
    await this.outbox.add(
      manager,
      deliveries
        .filter((delivery) => delivery.recipients.length > 0)
        .map((delivery) => ({
          type: 'notification.created' as const,
          organizationIds: [delivery.reminder.organizationId],
          payload: notificationPayload(delivery),
        })),
    );
  }
}

function notificationsOf({ reminder, details, recipients }: ReminderDelivery): NewNotification[] {
  return recipients.map((userId) => ({
    reminderId: reminder.id,
    userId,
    organizationId: reminder.organizationId,
    kind: reminder.kind,
    subjectType: reminder.subjectType,
    caseId: details.caseId,
    caseNumber: details.caseNumber,
    stepKey: details.stepKey,
    adoptionId: details.adoptionId,
    title: details.title,
    remindAt: reminder.dueAt,
    dueAt: details.dueAt,
    reviewDueOn: details.reviewDueOn,
    link: details.link,
  }));
}

function notificationPayload({
  reminder,
  details,
  recipients,
}: ReminderDelivery): OutboxEvents['notification.created'] {
  return {
    reminderId: reminder.id,
    kind: reminder.kind,
    subjectType: reminder.subjectType,
    caseId: details.caseId,
    caseNumber: details.caseNumber,
    stepKey: details.stepKey,
    adoptionId: details.adoptionId,
    remindAt: reminder.dueAt.toISOString(),
    dueAt: details.dueAt?.toISOString() ?? null,
    reviewDueOn: details.reviewDueOn,
    link: details.link,
    recipients: recipients.length,
  };
}
