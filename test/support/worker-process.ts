import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { testConfig } from './test-app';

const ROOT = join(__dirname, '..', '..');
const COMPILED_WORKER = join(ROOT, 'dist', 'src', 'worker.js');

export interface WorkerProcess {
  pid: number;
  output(): string;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts the compiled worker (`node dist/src/worker.js`) on the test database and the given Redis. */
export async function startWorkerProcess(
  queue: { redisUrl: string; prefix: string },
  timeoutMs = 30_000,
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  if (!existsSync(COMPILED_WORKER)) {
    throw new Error(`${COMPILED_WORKER} is missing: run "npm run build" first (npm test does)`);
  }
  const config = testConfig();
  const child: ChildProcess = spawn(process.execPath, [COMPILED_WORKER], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: config.database.url,
      DATABASE_POOL_SIZE: '6',
      REDIS_URL: queue.redisUrl,
      QUEUE_PREFIX: queue.prefix,
      JWT_SECRET: config.auth.jwtSecret,
      REFERENCE_HMAC_KEY: config.referenceHmacKey,
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      MIGRATIONS_RUN: 'false',
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const started = Date.now();
  while (!output.includes('Worker ready')) {
    if (child.exitCode !== null || Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`the worker did not start (exit ${child.exitCode}):\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    pid: child.pid as number,
    output: () => output,
    exited,
    signal: (signal) => child.kill(signal),
    stop: async (graceMs = 25_000) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        return;
      }
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(killer);
    },
  };
}
