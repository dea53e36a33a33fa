declare module '../audit/audit-actions' {
  /** Organisations. */
  interface AuditActions {
    'organization.created': true;
    'organization.updated': true;
  }
}

export {};
