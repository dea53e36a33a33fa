declare module '../audit/audit-actions' {
  /** Reason codes. */
  interface AuditActions {
    'reason_code.created': true;
    'reason_code.retired': true;
  }
}

export {};
