declare module '../common/http/problem-codes' {
  /** Organisations. */
  interface ProblemCodes {
    'organization.not_found': true;
    'organization.parent_cycle': true;
    'organization.unknown_parent': true;
  }
}

export {};
