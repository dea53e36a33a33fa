import type { OutboxEvents, OutboxEventType } from '../outbox/outbox-events';

/** What every case event carries besides its own fields. */
interface CaseEventBase {
  caseId: string;
  caseNumber: string;
}

interface StepEventBase extends CaseEventBase {
  stepKey: string;
  ownerOrganizationId: string;
}

declare module '../outbox/outbox-events' {
  /** The case events: to the case's participants, in the order of the change (steps finished, case, steps activated). */
  interface OutboxEvents {
    'case.created': CaseEventBase & { routineId: string; routineVersion: number };
    'case.step.activated': StepEventBase & { dueAt: string | null };
    'case.step.completed': StepEventBase & { outcomeCode: string | null; metDeadline: boolean | null };
    'case.step.skipped': StepEventBase & { reasonCode: string | null; metDeadline: boolean | null };
    'case.closed': CaseEventBase & { closureCode: string; forced: boolean };
  }
}

/** The case event types, in the order webhooks list them. */
export const CASE_EVENT_TYPES = [
  'case.created',
  'case.step.activated',
  'case.step.completed',
  'case.step.skipped',
  'case.closed',
] as const satisfies readonly OutboxEventType[];

export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** A case event as a change names it: its own fields, the case's ids being added when it is recorded. */
export type CaseEvent = {
  [Type in CaseEventType]: { type: Type; payload: Omit<OutboxEvents[Type], keyof CaseEventBase> };
}[CaseEventType];
