/**
 * Bounds a stopping worker process. On SIGTERM or SIGINT, Nest closes the application and the worker waits for its
 * active jobs; after `graceSeconds` the process exits regardless. Forcing from inside is no option: BullMQ's
 * `close(true)` cannot overtake a graceful close already under way, and the database pool waits for a stuck
 * transaction. On exit PostgreSQL rolls the open transactions back and the jobs' locks expire in Redis, so another
 * worker's stalled-job check runs them again.
 */
export function exitAfterShutdownGrace(graceSeconds: number, warn: (message: string) => void): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        warn(`Active jobs did not finish within ${graceSeconds} s of ${signal}; exiting, they will be retried elsewhere`);
        process.exit(0);
      }, graceSeconds * 1000).unref();
    });
  }
}
