import 'reflect-metadata';
import { Logger, Module, OnApplicationShutdown, Type } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from './bootstrap/create-app';
import { EnvironmentError, parseEnvironment } from './config/environment';
import { resolveRuntime, Runtime } from './config/runtime';
import { WorkerRunner } from './worker/worker-runner.service';

const RUNTIME_CLOSE_LIMIT_MS = 5000;

/** Serves the API; with APP_ROLE=all (the default) the queue worker runs in the same process. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const roleFlag = process.argv.find((arg) => arg.startsWith('--role='))?.slice('--role='.length);
  const env = parseEnvironment({ ...process.env, ...(roleFlag ? { APP_ROLE: roleFlag } : {}) });
  const runtime = await resolveRuntime(env);
  const app = await createApp(runtime.config, [closedOnShutdown(runtime)]);
  const logger = new Logger('Samverkan');
  // Past the worker's shutdown grace period: stop the embedded database (if any) as cleanly as can be, then exit.
  if (runtime.config.role !== 'api') {
    app.get(WorkerRunner).onShutdownDeadline(() => void Promise.race([runtime.close(), sleep(RUNTIME_CLOSE_LIMIT_MS)])
      .catch(() => undefined)
      .finally(() => process.exit(1)));
  }
  logger.log(runtime.banner);
  await app.listen({ port: runtime.config.http.port, host: runtime.config.http.host });
  logger.log(`Listening on ${await app.getUrl()} (role: ${runtime.config.role}); API docs at /docs`);
}

/**
 * Stops what the runtime started (the embedded database) when the application shuts down. A module, not a Fastify
 * onClose hook: Fastify refuses hooks once started, and createApp hands back an application that is ready.
 */
function closedOnShutdown(runtime: Runtime): Type {
  @Module({})
  class RuntimeShutdown implements OnApplicationShutdown {
    onApplicationShutdown(): Promise<void> {
      return runtime.close();
    }
  }
  return RuntimeShutdown;
}

main().catch((error: unknown) => {
  if (error instanceof EnvironmentError) {
    process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
  } else {
    process.stderr.write(`Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
