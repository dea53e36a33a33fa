import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry, AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { OutboxService } from '../outbox/outbox.service';
import { QueueMetrics } from '../queue/queue-metrics';
import { ReminderStatus } from './reminder-kind';
import { recipientsOf, StaffMember } from './reminder-recipients';
import { DueReminder, REMINDER_SUBJECT_CHECKS, ReminderSubjectCheck, SubjectDetails } from './reminder-subject';

/** What became of one reminder: delivered, no longer applicable, not due yet, or nothing to do (not pending, unknown). */
export type DeliveryOutcome = 'sent' | 'obsolete' | 'early' | 'skipped';

/** A job ran before its reminder was due by the database's clock (clocks of worker and database differ): retried. */
export class ReminderNotDueYet extends Error {
  constructor(readonly reminderId: string) {
    super(`reminder ${reminderId} is not due yet by the database clock`);
  }
}

export const NOTIFICATION_CREATED = 'notification.created';

interface Due {
  reminder: DueReminder;
  details: SubjectDetails;
  recipients: string[];
}

/**
 * Turns due reminders into notifications. One transaction per batch: lock the still-pending rows, re-read
 * their subjects, write one notification per recipient, mark them sent, record `notification.created` in the
 * outbox, and audit — so a crash leaves either all of it or none. Running a reminder again is a no-op: the
 * row is no longer pending, and (reminder, user) is unique on notification.
 */
@Injectable()
export class ReminderDeliveryService {
  private readonly logger = new Logger(ReminderDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly metrics: QueueMetrics,
    private readonly outbox: OutboxService,
    @Inject(REMINDER_SUBJECT_CHECKS) private readonly checks: ReminderSubjectCheck[],
  ) {}

  async deliver(reminderIds: string[]): Promise<DeliveryOutcome[]> {
    const outcomes = new Map<string, DeliveryOutcome>();
    const delivered = await this.dataSource.transaction(async (manager) => {
      // Locked in id order, so two batches sharing rows cannot deadlock; a row another worker just sent drops out.
      const locked = (await manager.query(
        `SELECT id, kind, subject_type AS "subjectType", case_id AS "caseId", step_key AS "stepKey", adoption_id AS "adoptionId",
                organization_id AS "organizationId", due_at AS "dueAt", due_at > now() AS early
           FROM reminder WHERE id = ANY($1::uuid[]) AND status = 'pending' ORDER BY id FOR UPDATE`,
        [reminderIds],
      )) as (DueReminder & { early: boolean })[];
      // By the database's clock (the one subject checks use), a job that fires early waits for a retry.
      locked.filter((row) => row.early).forEach((row) => outcomes.set(row.id, 'early'));
      const reminders = locked.filter((row) => !row.early);
      if (reminders.length === 0) {
        return [];
      }
      const applicable = await this.stillApplicable(manager, reminders);
      const obsolete = reminders.filter((reminder) => !applicable.has(reminder.id));
      const due = await this.withRecipients(
        manager,
        reminders.filter((reminder) => applicable.has(reminder.id)),
        applicable,
      );

      if (obsolete.length > 0) {
        await this.setStatus(manager, obsolete, ReminderStatus.Obsolete);
      }
      if (due.length > 0) {
        await this.insertNotifications(manager, due);
        await this.setStatus(
          manager,
          due.map((entry) => entry.reminder),
          ReminderStatus.Sent,
        );
        await this.outbox.add(
          manager,
          due
            .filter((entry) => entry.recipients.length > 0)
            .map((entry) => ({
              type: NOTIFICATION_CREATED,
              organizationIds: [entry.reminder.organizationId],
              payload: notificationPayload(entry),
            })),
        );
      }
      // Audit last, in one append for the whole batch: the chain lock is then taken once and held for the commit alone.
      await this.audit.appendMany(manager, SYSTEM_ACTOR, [
        ...obsolete.map((reminder) => reminderEvent('reminder.obsolete', reminder, auditData(reminder))),
        ...due.map(({ reminder, recipients }) =>
          reminderEvent('reminder.sent', reminder, { ...auditData(reminder), recipients: recipients.length }),
        ),
      ]);
      obsolete.forEach((reminder) => outcomes.set(reminder.id, 'obsolete'));
      due.forEach(({ reminder }) => outcomes.set(reminder.id, 'sent'));
      return due;
    });
    const now = Date.now();
    for (const { reminder } of delivered) {
      this.metrics.reminderLateness.observe(Math.max(0, (now - reminder.dueAt.getTime()) / 1000));
    }
    this.warnOfUnreached(delivered);
    return reminderIds.map((id) => outcomes.get(id) ?? 'skipped');
  }

  /** Audited with 0 recipients; said here too, once per organisation and kind in the batch, so the gap is seen. */
  private warnOfUnreached(delivered: Due[]): void {
    const unreached = new Map<string, number>();
    for (const { reminder, recipients } of delivered) {
      if (recipients.length > 0) {
        continue;
      }
      const key = `${reminder.kind} reminders of organisation ${reminder.organizationId}`;
      unreached.set(key, (unreached.get(key) ?? 0) + 1);
    }
    for (const [what, count] of unreached) {
      this.logger.warn(`${count} ${what} reached nobody: no active user has the role`);
    }
  }

  private async stillApplicable(
    manager: EntityManager,
    reminders: DueReminder[],
  ): Promise<Map<string, SubjectDetails>> {
    const applicable = new Map<string, SubjectDetails>();
    for (const check of this.checks) {
      const ofType = reminders.filter((reminder) => reminder.subjectType === check.subjectType);
      if (ofType.length === 0) {
        continue;
      }
      for (const [id, details] of await check.stillApplicable(manager, ofType)) {
        applicable.set(id, details);
      }
    }
    return applicable;
  }

  private async withRecipients(
    manager: EntityManager,
    reminders: DueReminder[],
    details: Map<string, SubjectDetails>,
  ): Promise<Due[]> {
    if (reminders.length === 0) {
      return [];
    }
    const organizationIds = [...new Set(reminders.map((reminder) => reminder.organizationId))];
    const rows = (await manager.query(
      `SELECT id, organization_id, roles FROM app_user WHERE organization_id = ANY($1::uuid[]) AND active ORDER BY id`,
      [organizationIds],
    )) as { id: string; organization_id: string; roles: StaffMember['roles'] }[];
    const staff = new Map<string, StaffMember[]>();
    for (const row of rows) {
      staff.set(row.organization_id, [...(staff.get(row.organization_id) ?? []), { id: row.id, roles: row.roles }]);
    }
    return reminders.map((reminder) => ({
      reminder,
      details: details.get(reminder.id) as SubjectDetails,
      recipients: recipientsOf(reminder.kind, staff.get(reminder.organizationId) ?? []),
    }));
  }

  private async insertNotifications(manager: EntityManager, due: Due[]): Promise<void> {
    const rows = due.flatMap(({ reminder, details, recipients }) =>
      recipients.map((userId) => [
        reminder.id,
        userId,
        reminder.organizationId,
        reminder.kind,
        reminder.subjectType,
        details.caseId,
        details.caseNumber,
        details.stepKey,
        details.adoptionId,
        details.title,
        reminder.dueAt,
        details.dueAt,
        details.reviewDueOn,
        details.link,
      ]),
    );
    if (rows.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO notification (reminder_id, user_id, organization_id, kind, subject_type, case_id, case_number, step_key, adoption_id, title,
                                 remind_at, due_at, review_due_on, link)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $5::varchar[], $6::uuid[], $7::varchar[], $8::varchar[], $9::uuid[],
                            $10::varchar[], $11::timestamptz[], $12::timestamptz[], $13::date[], $14::varchar[])
       ON CONFLICT (reminder_id, user_id) DO NOTHING`,
      rows[0].map((_, column) => rows.map((row) => row[column])),
    );
  }

  private async setStatus(
    manager: EntityManager,
    reminders: DueReminder[],
    status: ReminderStatus.Sent | ReminderStatus.Obsolete,
  ): Promise<void> {
    await manager.query(
      `UPDATE reminder SET status = $2::varchar, sent_at = CASE WHEN $2::varchar = 'sent' THEN clock_timestamp() ELSE sent_at END, updated_at = clock_timestamp()
        WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
      [reminders.map((reminder) => reminder.id), status],
    );
  }
}

function reminderEvent(action: string, reminder: DueReminder, data: Record<string, unknown>): AuditEntry {
  return { action, entity: { type: 'reminder', id: reminder.id }, organizationIds: [reminder.organizationId], data };
}

function auditData(reminder: DueReminder): Record<string, unknown> {
  return {
    kind: reminder.kind,
    subjectType: reminder.subjectType,
    caseId: reminder.caseId,
    stepKey: reminder.stepKey,
    adoptionId: reminder.adoptionId,
    dueAt: reminder.dueAt.toISOString(),
  };
}

function notificationPayload({ reminder, details, recipients }: Due): Record<string, unknown> {
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
