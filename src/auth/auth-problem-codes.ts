declare module '../common/http/problem-codes' {
  /** Access and sign-in. */
  interface ProblemCodes {
    'access.clients_not_allowed': true;
    'access.role': true;
    'access.scope': true;
    'access.undeclared': true;
    'auth.current_password_wrong': true;
    'auth.invalid_credentials': true;
    'auth.invalid_token': true;
    'auth.throttled': true;
    'auth.token_expired': true;
    'auth.unauthenticated': true;
  }
}

export {};
