declare module '../audit/audit-actions' {
  /** Strategy periods. */
  interface AuditActions {
    'strategy_period.created': true;
  }
}

export {};
