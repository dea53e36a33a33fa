declare module '../audit/audit-actions' {
  /** Users. */
  interface AuditActions {
    'user.created': true;
    'user.updated': true;
    'user.deactivated': true;
    'user.reactivated': true;
    'user.password_changed': true;
    'user.password_reset_issued': true;
    'user.password_reset_redeemed': true;
  }
}

export {};
