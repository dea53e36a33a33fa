import { runEmbeddedLoad } from '../support/embedded-load';

/**
 * The embedded default under concurrent load (a few seconds of what `npm run bench:embedded` runs for 60 s):
 * the app's pool and BullMQ's PostgreSQL backend share PGlite's one session, and no connection's message cycle
 * may run into another's.
 */
describe('embedded mode under load', () => {
  it('answers 50 concurrent requests right while reminders and webhooks are delivered, with no protocol error', async () => {
    const result = await runEmbeddedLoad({
      seconds: 5,
      concurrency: 50,
      casesPerSecond: 5,
      dueAfterSeconds: 2,
      settleSeconds: 30,
    });
    expect(result.wrongAnswerSamples).toEqual([]);
    expect(result.protocolErrorSamples).toEqual([]);
    expect(result.warningSamples).toEqual([]);
    // Counts depend on the machine; what must hold is that every answer was right and every reminder arrived.
    expect(result.casesOpened).toBeGreaterThan(0);
    expect(result.delivered).toBe(result.casesOpened);
    expect(result.duplicateDeliveries).toBe(0);
    expect(result.failedJobs).toBe(0);
    expect(result.requests).toBeGreaterThan(50);
    expect(result.dashboardWorkers).toEqual({ reminders: true, webhooks: true, maintenance: true });
    expect(result.terminatedOnStop).toBe(0);
  }, 180_000);
});
