/** What a reason code explains: a skipped step, a closed case, an adoption follow-up. */
export enum ReasonCodeKind {
  StepSkip = 'step_skip',
  CaseClosure = 'case_closure',
  FollowUpOutcome = 'follow_up_outcome',
}

export const REASON_CODE_KINDS = Object.values(ReasonCodeKind);
