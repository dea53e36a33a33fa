declare module '../common/http/problem-codes' {
  /** Cases and their steps. */
  interface ProblemCodes {
    'case.caller_not_participant': true;
    'case.closed': true;
    'case.force_close': true;
    'case.not_found': true;
    'case.numbers_exhausted': true;
    'case.step_owner': true;
    'case.step_without_owner': true;
    'case.steps_open': true;
    'case.unknown_participant': true;
    'case.unknown_routine': true;
    'case.unknown_version': true;
    'case_step.assessment_invalid': true;
    'case_step.dependencies_open': true;
    'case_step.finished': true;
    'case_step.not_found': true;
    'case_step.not_owner': true;
    'case_step.outcome_not_allowed': true;
    'case_step.transition': true;
  }
}

export {};
