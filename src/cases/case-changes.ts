import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditAction } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/auth/request-context';
import { caseNotFound } from './case-access';
import type { OutboxMessage } from '../outbox/outbox-events';
import { OutboxRepository } from '../outbox/outbox.repository';
import { caseStepReminder } from '../reminders/reminder-plan';
import { ReminderPlanner } from '../reminders/reminder-planner';
import type { CaseEvent } from './case-events';
import type { CaseRef } from './case-ref';
import { remindersForActiveStep } from './case-reminders';
import { CaseStepStatus } from './case-status';
import { assertCaseOpen } from './case-step-rules';
import { CaseRecord, CasesRepository } from './cases.repository';
import type { CaseStep } from './entities/case-step.entity';

export interface CaseChange {
  /** The audit action, e.g. `case.step.completed`. */
  action: AuditAction;
  /** Coded fields for the audit event. */
  data: Record<string, unknown>;
  /** Steps this change activated, and steps it finished (done or skipped). */
  activated: CaseStep[];
  finished: CaseStep[];
  /** The change inserted its steps as they are (opening a case): nothing left to update. */
  stepsInserted?: boolean;
  /** Case-level outbox events (`case.created`, `case.closed`) besides the step events derived from the change. */
  caseEvents?: CaseEvent[];
}

/** What every change of a case writes in its transaction: step rows, reminder rows, outbox events and, last, the audit event. */
@Injectable()
export class CaseChanges {
  constructor(
    private readonly cases: CasesRepository,
    private readonly reminders: ReminderPlanner,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditService,
  ) {}

  /** The case, locked until commit, with its steps; 404 when the caller's organisation does not take part, 409 when closed. */
  async lockOpenCase(
    manager: EntityManager,
    ctx: RequestContext,
    ref: CaseRef,
  ): Promise<{ kase: CaseRecord; steps: CaseStep[] }> {
    const locked = await this.cases.caseWithSteps(manager, ref, ctx.user.organizationId, true);
    if (!locked) {
      throw await caseNotFound(this.cases, manager, ref);
    }
    assertCaseOpen(locked.kase.status);
    return locked;
  }

  /** Call last in the transaction: the audit event is appended as its final statement. */
  async record(manager: EntityManager, ctx: RequestContext, kase: CaseRecord, change: CaseChange): Promise<void> {
    await this.cases.writeStepChanges(
      manager,
      kase.id,
      change.stepsInserted ? [] : [...change.finished, ...change.activated],
    );
    await this.reminders.replace(
      manager,
      { caseId: kase.id, stepKeys: change.finished.map((step) => step.key) },
      change.activated.flatMap(remindersForActiveStep).map((reminder) => caseStepReminder(kase.id, reminder)),
    );
    // In the order receivers should see them: steps finished, then the case opened or closed, then steps activated.
    const events: CaseEvent[] = [
      ...change.finished.map(finishedEvent),
      ...(change.caseEvents ?? []),
      ...change.activated.map(activatedEvent),
    ];
    await this.outbox.add(
      manager,
      events.map(
        (event) =>
          ({
            type: event.type,
            organizationIds: kase.participants,
            payload: { caseId: kase.id, caseNumber: kase.caseNumber, ...event.payload },
          }) as OutboxMessage,
      ),
    );
    await this.audit.append(manager, ctx, {
      action: change.action,
      entity: { type: 'case', id: kase.id },
      organizationIds: kase.participants,
      data: { caseNumber: kase.caseNumber, ...change.data },
    });
  }
}

const stepPayload = (step: CaseStep) => ({ stepKey: step.key, ownerOrganizationId: step.ownerOrganizationId });

const activatedEvent = (step: CaseStep): CaseEvent => ({
  type: 'case.step.activated',
  payload: { ...stepPayload(step), dueAt: step.dueAt?.toISOString() ?? null },
});

const finishedEvent = (step: CaseStep): CaseEvent =>
  step.status === CaseStepStatus.Done
    ? {
        type: 'case.step.completed',
        payload: { ...stepPayload(step), outcomeCode: step.outcomeCode, metDeadline: step.metDeadline },
      }
    : {
        type: 'case.step.skipped',
        payload: { ...stepPayload(step), reasonCode: step.reasonCode, metDeadline: step.metDeadline },
      };
