import { DomainException, unprocessable } from '../common/http/domain.exception';
import type { ProblemCode } from '../common/http/problem-codes';
import { ReasonCodeKind } from './reason-code-kind';

/** What the catalogue knows of a code at the moment of use; undefined when the code is not in it. */
export interface ReasonCodeStanding {
  retired: boolean;
  systemOnly: boolean;
}

export type ReasonCodeRefusal = 'unknown' | 'retired' | 'system_only';

/** Why a user may not give this code for a new step skip, case closure or follow-up; null when they may. */
export function reasonCodeRefusal(standing: ReasonCodeStanding | undefined): ReasonCodeRefusal | null {
  if (!standing) {
    return 'unknown';
  }
  if (standing.systemOnly) {
    return 'system_only';
  }
  if (standing.retired) {
    return 'retired';
  }
  return null;
}

/** Where each kind is used: the problem code of a refusal and the request field it names. */
const USES: Readonly<Record<ReasonCodeKind, { problem: ProblemCode; field: string; what: string }>> = {
  [ReasonCodeKind.StepSkip]: { problem: 'case_step.unknown_reason_code', field: 'reasonCode', what: 'skip reason' },
  [ReasonCodeKind.CaseClosure]: { problem: 'case.unknown_closure_code', field: 'closureCode', what: 'closure code' },
  [ReasonCodeKind.FollowUpOutcome]: {
    problem: 'adoption.unknown_outcome_code',
    field: 'outcomeCode',
    what: 'follow-up outcome',
  },
};

const WHY: Readonly<Record<ReasonCodeRefusal, string>> = {
  unknown: 'is not in the catalogue',
  retired: 'is retired',
  system_only: 'is set by the system only',
};

/** The 422 for a refused code; names the field and why, never the value (the catalogue is listed at GET /reason-codes). */
export function refusedReasonCode(kind: ReasonCodeKind, refusal: ReasonCodeRefusal): DomainException {
  const use = USES[kind];
  return unprocessable(
    use.problem,
    `The ${use.what} ${WHY[refusal]}: choose an active code of kind ${kind} (GET /api/v1/reason-codes?kind=${kind}).`,
    [{ field: use.field, code: refusal }],
  );
}
