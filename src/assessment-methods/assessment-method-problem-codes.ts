declare module '../common/http/problem-codes' {
  /** Assessment methods. */
  interface ProblemCodes {
    'assessment_method.duplicate': true;
    'assessment_method.invalid': true;
  }
}

export {};
