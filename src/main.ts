import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from './bootstrap/create-app';
import { EnvironmentError, parseEnvironment } from './config/environment';
import { resolveRuntime, Runtime } from './config/runtime';
import { WorkerRunner } from './worker/worker-runner.service';

const RUNTIME_CLOSE_LIMIT_MS = 5000;
const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** Serves the API; with APP_ROLE=all (the default) the queue worker runs in the same process. */
async function main(): Promise<void> {
  if (existsSync('.env')) {
    process.loadEnvFile('.env');
  }
  const roleFlag = process.argv.find((arg) => arg.startsWith('--role='))?.slice('--role='.length);
  const env = parseEnvironment({ ...process.env, ...(roleFlag ? { APP_ROLE: roleFlag } : {}) });
  const runtime = await resolveRuntime(env);
  const app = await createApp(runtime.config).catch(async (error: unknown) => {
    await runtime.close().catch(() => undefined);
    throw error;
  });
  stopInOrderOn(SHUTDOWN_SIGNALS, app, runtime);
  // Past the worker's shutdown grace period: stop the embedded database (if any) as cleanly as can be, then exit.
  if (runtime.config.role !== 'api') {
    app.get(WorkerRunner).onShutdownDeadline(
      () =>
        void Promise.race([runtime.close(), sleep(RUNTIME_CLOSE_LIMIT_MS)])
          .catch(() => undefined)
          .finally(() => process.exit(1)),
    );
  }
  await app.listen({ port: runtime.config.http.port, host: runtime.config.http.host });
  const url = await app.getUrl();
  const logger = new Logger('Samverkan');
  logger.log(runtime.banner);
  logger.log(
    `Listening on ${url} (${runtime.config.role === 'all' ? 'API and worker' : 'API only'}); API docs at ${url}/docs`,
  );
}

/**
 * On a shutdown signal: the application first (the worker finishes its jobs, the queues and then the database
 * pools close, in Nest's hook order), and only then what the runtime started (the embedded database), so no
 * pool finds its connections cut under it.
 */
function stopInOrderOn(
  signals: readonly NodeJS.Signals[],
  app: { close(signal?: string): Promise<void> },
  runtime: Runtime,
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal while stopping changes nothing: past the worker's grace period the process exits anyway.
    if (stopping) {
      return;
    }
    stopping = true;
    app
      .close(signal)
      .then(() => runtime.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(
            `Shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
          );
          process.exit(1);
        },
      );
  };
  signals.forEach((signal) => process.on(signal, stop));
}

main().catch((error: unknown) => {
  if (error instanceof EnvironmentError) {
    process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
  } else {
    process.stderr.write(
      `Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
