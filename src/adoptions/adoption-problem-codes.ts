declare module '../common/http/problem-codes' {
  /** Adoptions. */
  interface ProblemCodes {
    'adoption.discontinued': true;
    'adoption.exists': true;
    'adoption.illegal_transition': true;
    'adoption.invalid': true;
    'adoption.not_adopted': true;
    'adoption.not_found': true;
    'adoption.not_manager': true;
    'adoption.other_organization': true;
  }
}

export {};
