import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { EnvironmentError, parseEnvironment } from './config/environment';
import { resolveRuntime } from './config/runtime';
import { MetricsService } from './metrics/metrics.service';
import { WorkerRunner } from './worker/worker-runner.service';

/**
 * Runs the queue worker alone (`node dist/src/worker.js`): processors, reminder scheduler, reconciler and
 * outbox dispatcher, without the API. It waits for the API to apply migrations. On SIGTERM it stops taking
 * jobs, finishes (or hands back) the active ones, then exits. Its own metrics are served on PORT at /metrics.
 */
async function main(): Promise<void> {
  if (existsSync('.env')) {
    process.loadEnvFile('.env');
  }
  const env = parseEnvironment({ ...process.env, APP_ROLE: 'worker' });
  if (!env.DATABASE_URL) {
    throw new EnvironmentError([
      'DATABASE_URL: a separate worker runs in server mode only (PostgreSQL and Redis); in embedded mode `npm start` runs the worker inside the API process',
    ]);
  }
  const runtime = await resolveRuntime(env);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(runtime.config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  // Exit 1 marks a stop that left jobs to be retried elsewhere.
  app.get(WorkerRunner).onShutdownDeadline(() => process.exit(1));
  const metrics = await serveMetrics(app.get(MetricsService), runtime.config.http.port, runtime.config.http.host);
  const address = metrics.address();
  app
    .get(Logger)
    .log(
      `Worker metrics on port ${typeof address === 'object' && address ? address.port : runtime.config.http.port} at /metrics`,
      'Worker',
    );
}

function serveMetrics(service: MetricsService, port: number, host: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      return void response.writeHead(404).end();
    }
    service.registry.metrics().then(
      (body) => response.writeHead(200, { 'content-type': service.registry.contentType }).end(body),
      () => response.writeHead(500).end(),
    );
  });
  server.unref();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

main().catch((error: unknown) => {
  if (error instanceof EnvironmentError) {
    process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
  } else {
    process.stderr.write(
      `Worker start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
