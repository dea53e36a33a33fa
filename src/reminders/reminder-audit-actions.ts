declare module '../audit/audit-actions' {
  /** Reminders, as the worker ends them. */
  interface AuditActions {
    'reminder.sent': true;
    'reminder.obsolete': true;
  }
}

export {};
