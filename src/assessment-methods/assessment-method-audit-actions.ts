declare module '../audit/audit-actions' {
  /** Assessment methods. */
  interface AuditActions {
    'assessment_method.created': true;
  }
}

export {};
