import { runEmbeddedLoad } from '../support/embedded-load';

/**
 * The embedded default under concurrent load (a few seconds of what `npm run bench:embedded` runs for 60 s):
 * the app's pool and BullMQ's PostgreSQL backend share PGlite's one session, and no connection's message cycle
 * may run into another's.
 */
describe('embedded mode under load', () => {
  it('answers 50 concurrent requests right while reminders and webhooks are delivered, with no protocol error', async () => {
    const result = await runEmbeddedLoad({ seconds: 5, concurrency: 50, casesPerSecond: 5, dueAfterSeconds: 2, settleSeconds: 10 });
    expect(result.wrongAnswerSamples).toEqual([]);
    expect(result.protocolErrorSamples).toEqual([]);
    expect(result.casesOpened).toBeGreaterThan(10);
    expect(result.delivered).toBe(result.casesOpened);
    expect(result.duplicateDeliveries).toBe(0);
    expect(result.failedJobs).toBe(0);
    expect(result.requests).toBeGreaterThan(200);
  }, 120_000);
});
