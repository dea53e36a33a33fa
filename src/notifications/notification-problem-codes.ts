declare module '../common/http/problem-codes' {
  /** Notifications. */
  interface ProblemCodes {
    'notification.not_found': true;
  }
}

export {};
