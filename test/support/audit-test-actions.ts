declare module '../../src/audit/audit-actions' {
  /** Synthetic events the audit and erasure suites append directly (the application never records them). */
  interface AuditActions {
    'audit_test.appended': true;
    'case_step.skipped': true;
  }
}

export {};
