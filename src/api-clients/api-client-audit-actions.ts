declare module '../audit/audit-actions' {
  /** API clients. */
  interface AuditActions {
    'api_client.created': true;
    'api_client.disabled': true;
    'api_client.secret_rotated': true;
  }
}

export {};
