import { conflict, unprocessable } from '../common/http/domain.exception';
import { CaseStatus, CaseStepStatus } from './case-status';
import type { StepCondition } from '../routines/routine-definition';
import { DueRule, stepDueAt } from './due-time';

/** The reason the system gives a step whose conditions do not hold: a system-only code of the catalogue. */
export const CONDITION_NOT_MET_REASON = 'condition_not_met';

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
  assessment?: AssessmentResult;
  /** Null when the system finished it (a condition that did not hold). */
  by: string | null;
  at: Date;
}

/** What a completion keeps of an assessment: the method and the level, nothing else. */
export interface AssessmentResult {
  method: string;
  level: string;
}

export type FinishableStep = StepState & {
  completedAt: Date | null;
  completedBy: string | null;
  outcomeCode: string | null;
  reasonCode: string | null;
  note: string | null;
  metDeadline: boolean | null;
  conditions: StepCondition[];
  assessmentMethod: string | null;
  assessmentLevel: string | null;
};

/** Records on the step who finished it, when, how, and whether that met its due time. */
export function finishStep(step: FinishableStep, finish: StepFinish): void {
  step.status = finish.status;
  step.completedAt = finish.at;
  step.completedBy = finish.by;
  step.outcomeCode = finish.outcomeCode ?? null;
  step.reasonCode = finish.reasonCode ?? null;
  step.note = finish.note ?? null;
  step.assessmentMethod = finish.assessment?.method ?? null;
  step.assessmentLevel = finish.assessment?.level ?? null;
  step.metDeadline = metDeadline(step.dueAt, finish.at);
}

/** Whether a step finished at `finishedAt` met its due time; null when it never had one. */
export const metDeadline = (dueAt: Date | null, finishedAt: Date): boolean | null =>
  dueAt ? finishedAt.getTime() <= dueAt.getTime() : null;

/** Whether a condition holds on the step it names: that step was done with a listed outcome and level. */
export function conditionHolds(
  condition: StepCondition,
  source: Pick<FinishableStep, 'status' | 'outcomeCode' | 'assessmentLevel'>,
): boolean {
  if (source.status !== CaseStepStatus.Done) {
    return false;
  }
  const listed = (codes: string[] | undefined, value: string | null) =>
    codes === undefined || (value !== null && codes.includes(value));
  return listed(condition.outcomeIn, source.outcomeCode) && listed(condition.levelIn, source.assessmentLevel);
}

/** The step's conditions that do not hold (all of them must, for it to run). */
export function unmetConditions<S extends FinishableStep>(step: S, steps: readonly S[]): StepCondition[] {
  return step.conditions.filter((condition) => !conditionHolds(condition, requireStep(steps, condition.step)));
}

/** What a change did to the waiting steps. */
export interface StepAdvance<S> {
  activated: S[];
  /** Skipped by the system with reason condition_not_met. */
  skipped: S[];
}

/**
 * Moves, at `now`, every waiting step whose dependencies are all done or skipped: it becomes active with its due
 * time when its conditions hold, and is skipped with reason `condition_not_met` otherwise — which counts as finished
 * for the steps after it, so those are moved in the same pass. Mutates the steps it moves and returns them.
 */
export function activateReadySteps<S extends FinishableStep>(
  steps: S[],
  caseOpenedAt: Date,
  now: Date,
): StepAdvance<S> {
  const advance: StepAdvance<S> = { activated: [], skipped: [] };
  for (;;) {
    const ready = steps.filter(
      (step) =>
        step.status === CaseStepStatus.Waiting &&
        step.dependsOn.every((key) => isFinished(requireStep(steps, key).status)),
    );
    if (ready.length === 0) {
      return advance;
    }
    for (const step of ready) {
      if (unmetConditions(step, steps).length > 0) {
        finishStep(step, { status: CaseStepStatus.Skipped, reasonCode: CONDITION_NOT_MET_REASON, by: null, at: now });
        advance.skipped.push(step);
      } else {
        step.status = CaseStepStatus.Active;
        step.activatedAt = now;
        step.dueAt = stepDueAt(step, caseOpenedAt, now);
        advance.activated.push(step);
      }
    }
  }
}

/**
 * 422 unless a completion records an assessment exactly when the step requires one: with one of the step's methods
 * and one of that method's levels (`levels`: the level codes of the method given, or undefined for no such method).
 */
export function assertAssessmentAllowed(
  step: { key: string; assessmentMethods: readonly string[] },
  assessment: AssessmentResult | undefined,
  levels: readonly string[] | undefined,
): void {
  const refuse = (field: string, code: string, detail: string, extra: Record<string, unknown> = {}) =>
    unprocessable('case_step.assessment_invalid', detail, [{ field, code, ...extra }]);
  if (step.assessmentMethods.length === 0) {
    if (assessment) {
      throw refuse('assessment', 'not_expected', `Step "${step.key}" records no assessment.`);
    }
    return;
  }
  if (!assessment) {
    throw refuse('assessment', 'required', `Step "${step.key}" is completed with an assessment: method and level.`, {
      allowed: [...step.assessmentMethods],
    });
  }
  if (!step.assessmentMethods.includes(assessment.method) || !levels) {
    throw refuse('assessment.method', 'not_allowed', `Step "${step.key}" allows the methods listed in allowed.`, {
      allowed: [...step.assessmentMethods],
    });
  }
  if (!levels.includes(assessment.level)) {
    throw refuse('assessment.level', 'not_allowed', "The level is not one of the method's levels (see allowed).", {
      allowed: [...levels],
    });
  }
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
