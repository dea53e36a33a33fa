declare module '../audit/audit-actions' {
  /** Routines. */
  interface AuditActions {
    'routine.created': true;
    'routine.imported': true;
    'routine.updated': true;
    'routine.published': true;
    'routine.retired': true;
  }
}

export {};
