/**
 * Every audit action, as a union. Each feature declares its own actions beside its code (`<feature>-audit-actions.ts`,
 * `declare module '../audit/audit-actions'`), so `append`, `appendMany` and `record` take only declared actions and
 * the audit module imports no feature.
 */
export interface AuditActions {
  /** The audit trail's own: its audited reads and redactions. */
  'audit_event.listed': true;
  'audit_event.exported': true;
  'audit_event.redacted': true;
}

export type AuditAction = keyof AuditActions;
