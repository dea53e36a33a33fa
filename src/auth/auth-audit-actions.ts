declare module '../audit/audit-actions' {
  /** Sessions. */
  interface AuditActions {
    'session.ended': true;
    'session.ended_all': true;
  }
}

export {};
