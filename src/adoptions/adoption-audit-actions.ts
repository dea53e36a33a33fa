declare module '../audit/audit-actions' {
  /** Adoptions. */
  interface AuditActions {
    'adoption.created': true;
    'adoption.updated': true;
    'adoption.status_changed': true;
    'adoption.follow_up_recorded': true;
  }
}

export {};
