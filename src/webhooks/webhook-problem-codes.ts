declare module '../common/http/problem-codes' {
  /** Webhooks. */
  interface ProblemCodes {
    'webhook.not_found': true;
    'webhook.url_not_allowed': true;
    'webhook_delivery.in_progress': true;
    'webhook_delivery.not_found': true;
  }
}

export {};
