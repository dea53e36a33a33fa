declare module '../common/http/problem-codes' {
  /** The national strategy. */
  interface ProblemCodes {
    'goal.not_found': true;
    'strategy_period.duplicate': true;
    'strategy_period.invalid': true;
    'strategy_period.not_found': true;
  }
}

export {};
