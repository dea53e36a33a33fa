/**
 * The embedded default under load: `npm run bench:embedded` (or `npm run build && node dist/bench/embedded-load.js`).
 *
 * Starts the compiled service in embedded mode (PGlite, queues on BullMQ's PostgreSQL backend) on a fresh data
 * directory seeded with the demo region, then for BENCH_SECONDS (60) keeps BENCH_CONCURRENCY (50) API requests
 * in flight (six kinds of reads, each answer checked against the record asked for) while BENCH_CASES_PER_SECOND
 * (5) cases open, each with an overdue reminder BENCH_DUE_AFTER (5) seconds later that is delivered as
 * notifications and a notification.created webhook to a receiver on loopback. Prints the counts; the target is
 * 0 protocol errors in the log, 0 wrong answers, 0 failed jobs and every reminder delivered.
 */
import { runEmbeddedLoad } from '../test/support/embedded-load';

async function main(): Promise<void> {
  const result = await runEmbeddedLoad({
    seconds: Number(process.env.BENCH_SECONDS ?? 60),
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 50),
    casesPerSecond: Number(process.env.BENCH_CASES_PER_SECOND ?? 5),
    dueAfterSeconds: Number(process.env.BENCH_DUE_AFTER ?? 5),
    settleSeconds: 60,
    progress: (line) => process.stdout.write(`${line}\n`),
  });
  const lines = [
    `requests: ${result.requests} (${(result.requests / Number(process.env.BENCH_SECONDS ?? 60)).toFixed(0)}/s), wrong answers: ${result.wrongAnswers}`,
    ...result.wrongAnswerSamples.map((sample) => `  e.g. ${sample}`),
    `cases opened: ${result.casesOpened}, reminders delivered by webhook: ${result.delivered} (missing ${result.casesOpened - result.delivered}, duplicates ${result.duplicateDeliveries})`,
    `failed jobs (/metrics): ${result.failedJobs}`,
    `protocol errors in the log: ${result.protocolErrors}`,
    ...result.protocolErrorSamples.map((sample) => `  e.g. ${sample}`),
    `'Connection terminated unexpectedly' at stop: ${result.terminatedOnStop}`,
    `log lines up to 'Listening on': ${result.startLines}`,
    `queue dashboard sees workers: ${JSON.stringify(result.dashboardWorkers)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const ok =
    result.wrongAnswers === 0 &&
    result.protocolErrors === 0 &&
    result.failedJobs === 0 &&
    result.delivered === result.casesOpened;
  process.stdout.write(`target met: ${ok ? 'yes' : 'NO'}\n`);
  process.exitCode = ok ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
});
