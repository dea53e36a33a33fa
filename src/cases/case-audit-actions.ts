declare module '../audit/audit-actions' {
  /** Cases: their changes, and the audited reads. */
  interface AuditActions {
    'case.created': true;
    'case.step.completed': true;
    'case.step.skipped': true;
    'case.closed': true;
    'case.listed': true;
    'case.looked_up': true;
    'case.viewed': true;
  }
}

export {};
