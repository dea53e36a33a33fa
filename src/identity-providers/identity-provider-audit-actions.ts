declare module '../audit/audit-actions' {
  /** Identity providers and sign-ins through them. */
  interface AuditActions {
    'identity_provider.created': true;
    'identity_provider.updated': true;
    'identity_provider.disabled': true;
    'auth.signed_in': true;
    'auth.sign_in_refused': true;
  }
}

export {};
