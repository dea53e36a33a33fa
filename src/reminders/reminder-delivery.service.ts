import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditAction } from '../audit/audit-actions';
import { AuditEntry, AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { QueueMetrics } from '../queue/queue-metrics';
import { UsersRepository } from '../users/users.repository';
import { ReminderStatus } from './reminder-kind';
import { REMINDER_NOTIFIER, ReminderDelivery, ReminderNotifier } from './reminder-notifier';
import { recipientsOf, StaffMember } from './reminder-recipients';
import type { DueReminder, SubjectDetails } from './reminder-subject';
import { ReminderSubjects } from './reminder-subjects';
import { RemindersRepository } from './reminders.repository';

/** What became of one reminder: delivered, no longer applicable, not due yet, or nothing to do (not pending, unknown). */
export type DeliveryOutcome = 'sent' | 'obsolete' | 'early' | 'skipped';

/** A job ran before its reminder was due by the database's clock (clocks of worker and database differ): retried. */
export class ReminderNotDueYet extends Error {
  constructor(readonly reminderId: string) {
    super(`reminder ${reminderId} is not due yet by the database clock`);
  }
}

/**
 * Turns due reminders into notifications. One transaction per batch: lock the still-pending rows, re-read
 * their subjects (each subject's registered check), mark them sent, have the notifier write one notification per
 * recipient and its `notification.created` outbox event, and audit — so a crash leaves either all of it or none. Running a reminder again is a no-op: the
 * row is no longer pending, and (reminder, user) is unique on notification.
 */
@Injectable()
export class ReminderDeliveryService {
  private readonly logger = new Logger(ReminderDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly metrics: QueueMetrics,
    private readonly reminders: RemindersRepository,
    private readonly subjects: ReminderSubjects,
    private readonly users: UsersRepository,
    @Inject(REMINDER_NOTIFIER) private readonly notifier: ReminderNotifier,
  ) {}

  async deliver(reminderIds: string[]): Promise<DeliveryOutcome[]> {
    const outcomes = new Map<string, DeliveryOutcome>();
    const delivered = await this.dataSource.transaction(async (manager) => {
      // Locked in id order, so two batches sharing rows cannot deadlock; a row another worker just sent drops out.
      const locked = await this.reminders.lockPending(manager, reminderIds);
      // By the database's clock (the one subject checks use), a job that fires early waits for a retry.
      locked.filter((row) => row.early).forEach((row) => outcomes.set(row.id, 'early'));
      const reminders = locked.filter((row) => !row.early);
      if (reminders.length === 0) {
        return [];
      }
      const applicable = await this.subjects.stillApplicable(manager, reminders);
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
        await this.setStatus(
          manager,
          due.map((entry) => entry.reminder),
          ReminderStatus.Sent,
        );
        await this.notifier.notify(manager, due);
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
  private warnOfUnreached(delivered: ReminderDelivery[]): void {
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

  private async withRecipients(
    manager: EntityManager,
    reminders: DueReminder[],
    details: Map<string, SubjectDetails>,
  ): Promise<ReminderDelivery[]> {
    if (reminders.length === 0) {
      return [];
    }
    const organizationIds = [...new Set(reminders.map((reminder) => reminder.organizationId))];
    const staff = new Map<string, StaffMember[]>();
    for (const member of await this.users.activeStaffOf(manager, organizationIds)) {
      staff.set(member.organizationId, [...(staff.get(member.organizationId) ?? []), member]);
    }
    return reminders.map((reminder) => ({
      reminder,
      details: details.get(reminder.id) as SubjectDetails,
      recipients: recipientsOf(reminder.kind, staff.get(reminder.organizationId) ?? []),
    }));
  }

  private setStatus(
    manager: EntityManager,
    reminders: DueReminder[],
    status: ReminderStatus.Sent | ReminderStatus.Obsolete,
  ): Promise<void> {
    return this.reminders.setStatus(
      manager,
      reminders.map((reminder) => reminder.id),
      status,
    );
  }
}

function reminderEvent(action: AuditAction, reminder: DueReminder, data: Record<string, unknown>): AuditEntry {
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
