declare module '../common/http/problem-codes' {
  /** Reports. */
  interface ProblemCodes {
    'report.period_invalid': true;
  }
}

export {};
