import { attemptsSpanning, WEBHOOK_ATTEMPTS, webhookRetryDelay } from './webhook-retry';

const DAY_MS = 24 * 3600 * 1000;
const span = (attempts: number, random: () => number) =>
  Array.from({ length: attempts - 1 }, (_, index) => webhookRetryDelay(index + 1, random)).reduce(
    (sum, delay) => sum + delay,
    0,
  );

describe('webhook retry schedule', () => {
  it('doubles from about 2 s and stays within ±20 % jitter', () => {
    expect(webhookRetryDelay(1, () => 0.5)).toBe(2000);
    expect(webhookRetryDelay(2, () => 0.5)).toBe(4000);
    expect(webhookRetryDelay(3, () => 0)).toBe(6400);
    expect(webhookRetryDelay(3, () => 1)).toBe(9600);
  });

  it('caps a single wait at four hours', () => {
    expect(webhookRetryDelay(30, () => 0.5)).toBe(4 * 3600 * 1000);
  });

  it('retries for at least 24 hours even with the shortest jitter, and not needlessly longer', () => {
    expect(span(WEBHOOK_ATTEMPTS, () => 0)).toBeGreaterThanOrEqual(DAY_MS);
    expect(span(WEBHOOK_ATTEMPTS - 1, () => 0)).toBeLessThan(DAY_MS);
    expect(WEBHOOK_ATTEMPTS).toBe(attemptsSpanning(DAY_MS));
    expect(span(WEBHOOK_ATTEMPTS, () => 1)).toBeLessThan(2 * DAY_MS);
  });
});
