declare module '../audit/audit-actions' {
  /** Notifications. */
  interface AuditActions {
    'notification.read': true;
  }
}

export {};
