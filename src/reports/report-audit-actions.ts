declare module '../audit/audit-actions' {
  /** Reports (audited reads). */
  interface AuditActions {
    'report.follow_up_read': true;
    'report.overdue_read': true;
    'report.strategy_follow_up_read': true;
  }
}

export {};
