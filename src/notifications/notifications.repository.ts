import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Notification } from './entities/notification.entity';

/** A notification to write: everything but what the database fills in. */
export type NewNotification = Omit<Notification, 'id' | 'seq' | 'readAt' | 'createdAt'>;

/** The notification table's writes besides the inbox's own. Methods run on the manager they are given. */
@Injectable()
export class NotificationsRepository {
  /** In one statement; a (reminder, user) pair that has its notification already keeps it. */
  async insertMany(manager: EntityManager, notifications: NewNotification[]): Promise<void> {
    if (notifications.length === 0) {
      return;
    }
    const column = <Value>(read: (notification: NewNotification) => Value) => notifications.map(read);
    await manager.query(
      `INSERT INTO notification (reminder_id, user_id, organization_id, kind, subject_type, case_id, case_number, step_key, adoption_id, title,
                                 remind_at, due_at, review_due_on, link)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $5::varchar[], $6::uuid[], $7::varchar[], $8::varchar[], $9::uuid[],
                            $10::varchar[], $11::timestamptz[], $12::timestamptz[], $13::date[], $14::varchar[])
       ON CONFLICT (reminder_id, user_id) DO NOTHING`,
      [
        column((notification) => notification.reminderId),
        column((notification) => notification.userId),
        column((notification) => notification.organizationId),
        column((notification) => notification.kind),
        column((notification) => notification.subjectType),
        column((notification) => notification.caseId),
        column((notification) => notification.caseNumber),
        column((notification) => notification.stepKey),
        column((notification) => notification.adoptionId),
        column((notification) => notification.title),
        column((notification) => notification.remindAt),
        column((notification) => notification.dueAt),
        column((notification) => notification.reviewDueOn),
        column((notification) => notification.link),
      ],
    );
  }
}
