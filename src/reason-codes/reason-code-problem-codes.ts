declare module '../common/http/problem-codes' {
  /** Reason codes, and the refusal of a code where each kind is used. */
  interface ProblemCodes {
    'adoption.unknown_outcome_code': true;
    'case.unknown_closure_code': true;
    'case_step.unknown_reason_code': true;
    'reason_code.duplicate': true;
    'reason_code.not_found': true;
    'reason_code.retired': true;
    'reason_code.system_only': true;
  }
}

export {};
