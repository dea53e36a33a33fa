/** How long one delivery attempt may take before it counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 5000;
export const WEBHOOK_BACKOFF_TYPE = 'webhook';

const FIRST_RETRY_MS = 2000;
const MAX_RETRY_MS = 4 * 3600 * 1000;
const JITTER = 0.2;
const RETRY_FOR_MS = 24 * 3600 * 1000;

/** Delay before the next attempt after `attemptsMade` failed ones: doubling from 2 s, capped at 4 h, ±20 % jitter. */
export function webhookRetryDelay(attemptsMade: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

/** The fewest attempts whose retries span at least 24 hours even when every jitter draw is the shortest. */
export function attemptsSpanning(spanMs: number): number {
  let attempts = 1;
  for (let total = 0; total < spanMs; attempts += 1) {
    total += webhookRetryDelay(attempts, () => 0);
  }
  return attempts;
}

export const WEBHOOK_ATTEMPTS = attemptsSpanning(RETRY_FOR_MS);
