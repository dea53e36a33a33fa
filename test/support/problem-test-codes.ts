declare module '../../src/common/http/problem-codes' {
  /** A code the problem filter's spec throws (no service does). */
  interface ProblemCodes {
    'case_step.not_active': true;
  }
}

export {};
