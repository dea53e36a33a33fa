declare module '../audit/audit-actions' {
  /** Erasure requests and what they erase. */
  interface AuditActions {
    'erasure_request.created': true;
    'erasure_request.rejected': true;
    'erasure_request.withdrawn': true;
    'personal_data.erased': true;
  }
}

export {};
