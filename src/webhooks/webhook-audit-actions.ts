declare module '../audit/audit-actions' {
  /** Webhooks. */
  interface AuditActions {
    'webhook.created': true;
    'webhook.deleted': true;
    'webhook.secret_rotated': true;
    'webhook.redelivery_requested': true;
    'webhook.delivery_failed': true;
  }
}

export {};
