declare module '../common/http/problem-codes' {
  /** The audit trail. */
  interface ProblemCodes {
    'audit_event.invalid_instant': true;
  }
}

export {};
