declare module '../common/http/problem-codes' {
  /** Users and password resets. */
  interface ProblemCodes {
    'password_reset.inactive_account': true;
    'password_reset.invalid_token': true;
    'password_reset.not_allowed': true;
    'password_reset.own_account': true;
    'user.email_not_ascii': true;
    'user.email_taken': true;
    'user.manage': true;
    'user.not_found': true;
    'user.self_deactivation': true;
    'user.unknown_organization': true;
  }
}

export {};
