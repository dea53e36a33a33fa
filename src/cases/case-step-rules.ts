import { conflict, unprocessable } from '../common/http/domain.exception';
import { CaseStatus, CaseStepStatus } from './case-status';
import { DueRule, stepDueAt } from './due-time';

/** What the rules need to know of a step; the CaseStep entity satisfies it. */
export interface StepState extends DueRule {
  key: string;
  status: CaseStepStatus;
  activatedAt: Date | null;
  dueAt: Date | null;
}

/** The only moves a step makes by itself: waiting → active (by its dependencies), active → done | skipped (by its owner). */
const TRANSITIONS: Readonly<Record<CaseStepStatus, readonly CaseStepStatus[]>> = {
  [CaseStepStatus.Waiting]: [CaseStepStatus.Active],
  [CaseStepStatus.Active]: [CaseStepStatus.Done, CaseStepStatus.Skipped],
  [CaseStepStatus.Done]: [],
  [CaseStepStatus.Skipped]: [],
};

export const isFinished = (status: CaseStepStatus) =>
  status === CaseStepStatus.Done || status === CaseStepStatus.Skipped;

export function assertCaseOpen(status: CaseStatus): void {
  if (status !== CaseStatus.Open) {
    throw conflict('case.closed', 'The case is closed and refuses changes.');
  }
}

/** 409 unless the step may move to `to`: a waiting step names the dependencies it waits for. */
export function assertTransition(step: StepState, to: CaseStepStatus, steps: readonly StepState[]): void {
  if (TRANSITIONS[step.status].includes(to)) {
    return;
  }
  if (step.status === CaseStepStatus.Waiting) {
    const open = step.dependsOn.filter((key) => !isFinished(requireStep(steps, key).status));
    throw conflict('case_step.dependencies_open', `Step "${step.key}" is waiting for: ${open.join(', ')}.`);
  }
  if (isFinished(step.status)) {
    throw conflict('case_step.finished', `Step "${step.key}" is already ${step.status}.`);
  }
  throw conflict('case_step.transition', `Step "${step.key}" cannot move from ${step.status} to ${to}.`);
}

export function requireStep<S extends { key: string }>(steps: readonly S[], key: string): S {
  const step = steps.find((candidate) => candidate.key === key);
  if (!step) {
    throw new Error(`Step ${key} is not part of the case`);
  }
  return step;
}

export function assertOutcomeAllowed(
  step: { key: string; outcomeCodes: readonly string[] },
  outcomeCode: string,
): void {
  if (step.outcomeCodes.includes(outcomeCode)) {
    return;
  }
  throw unprocessable(
    'case_step.outcome_not_allowed',
    `Step "${step.key}" allows the outcomes: ${step.outcomeCodes.join(', ')}.`,
    [{ field: 'outcomeCode', code: 'not_allowed', allowed: [...step.outcomeCodes] }],
  );
}

export interface StepFinish {
  status: CaseStepStatus.Done | CaseStepStatus.Skipped;
  outcomeCode?: string;
  reasonCode?: string;
  note?: string;
  by: string;
  at: Date;
}

type FinishableStep = StepState & {
  completedAt: Date | null;
  completedBy: string | null;
  outcomeCode: string | null;
  reasonCode: string | null;
  note: string | null;
  metDeadline: boolean | null;
};

/** Records on the step who finished it, when, how, and whether that met its due time. */
export function finishStep(step: FinishableStep, finish: StepFinish): void {
  step.status = finish.status;
  step.completedAt = finish.at;
  step.completedBy = finish.by;
  step.outcomeCode = finish.outcomeCode ?? null;
  step.reasonCode = finish.reasonCode ?? null;
  step.note = finish.note ?? null;
  step.metDeadline = metDeadline(step.dueAt, finish.at);
}

/** Whether a step finished at `finishedAt` met its due time; null when it never had one. */
export const metDeadline = (dueAt: Date | null, finishedAt: Date): boolean | null =>
  dueAt ? finishedAt.getTime() <= dueAt.getTime() : null;

/**
 * Activates, at `now`, every waiting step whose dependencies are all done or skipped, and computes its due time.
 * Mutates those steps and returns them (empty when nothing became ready).
 */
export function activateReadySteps<S extends StepState>(steps: S[], caseOpenedAt: Date, now: Date): S[] {
  const ready = steps.filter(
    (step) =>
      step.status === CaseStepStatus.Waiting &&
      step.dependsOn.every((key) => isFinished(requireStep(steps, key).status)),
  );
  for (const step of ready) {
    step.status = CaseStepStatus.Active;
    step.activatedAt = now;
    step.dueAt = stepDueAt(step, caseOpenedAt, now);
  }
  return ready;
}

/** 409 when steps are still open and the close is not forced. */
export function assertClosable(steps: readonly StepState[], force: boolean): void {
  const open = steps.filter((step) => !isFinished(step.status));
  if (open.length > 0 && !force) {
    throw conflict(
      'case.steps_open',
      `Steps still open: ${open.map((step) => step.key).join(', ')}. A coordinator may close with force.`,
    );
  }
}
