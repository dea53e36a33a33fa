declare module '../common/http/problem-codes' {
  /** API clients. */
  interface ProblemCodes {
    'api_client.disabled': true;
    'api_client.not_found': true;
    'api_client.unknown_organization': true;
  }
}

export {};
