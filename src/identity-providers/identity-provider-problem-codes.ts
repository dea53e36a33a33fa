declare module '../common/http/problem-codes' {
  /** Identity providers and their sign-ins. */
  interface ProblemCodes {
    'identity_provider.discovery_failed': true;
    'identity_provider.insecure_issuer': true;
    'identity_provider.not_found': true;
    'identity_provider.unknown_organization': true;
    'sign_in.code_invalid': true;
    'sign_in.not_configured': true;
    'sign_in.return_to_not_allowed': true;
    'sign_in.unknown': true;
  }
}

export {};
