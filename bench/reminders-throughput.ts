/**
 * Reminder delivery benchmark: `npm run bench:reminders` (or `npm run build && node dist/bench/reminders-throughput.js`).
 *
 * On a fresh database of its own (created on the server of DATABASE_URL, default 127.0.0.1, dropped afterwards) and
 * Redis (REDIS_URL, default 127.0.0.1:6379, under a queue prefix of its own, removed afterwards), with
 * BENCH_WORKERS (2) compiled worker processes (`node dist/src/worker.js`):
 *   (a) burst: BENCH_BURST (100000) reminders falling due within the same minute, written 30 s ahead (the
 *       scheduler queues them as delayed jobs meanwhile): once due evenly over the minute, once all due at the
 *       same instant (the worst case, which measures delivery capacity). Reports lateness p50/p99/max
 *       (sent_at − due_at), delivery throughput, and checks that none was delivered twice (notifications, audit
 *       events, outbox rows). Target: every reminder delivered within 60 s of its due time.
 *   (b) normal load: BENCH_STEADY (1000) reminders due evenly over one minute while an API process (APP_ROLE=api)
 *       serves BENCH_RATE (100) requests/s: half list notifications, half open cases (state + audit + reminder +
 *       outbox rows). Target: p99 lateness under 1 s.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrations } from '../src/database/database.module';
import { OrganizationType } from '../src/organizations/organization-type';
import { QUEUE_NAMES } from '../src/queue/queue-names';
import { hashPassword } from '../src/users/users.service';
import { freePort } from '../test/support/free-port';
import { ActiveStep, createActiveStep, deliveryCounts, insertReminders } from '../test/support/reminder-fixtures';
import { createPublishedRoutine, routineDefinition, routineStep } from '../test/support/routine-fixtures';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const BURST = Number(process.env.BENCH_BURST ?? 100_000);
const STEADY = Number(process.env.BENCH_STEADY ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const STEPS = 50;
const BURST_LEAD_MS = 30_000;
const JWT_SECRET = randomBytes(32).toString('base64url');
const HMAC_KEY = randomBytes(32).toString('base64url');
const PASSWORD = 'bench-password-0123456789';

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
// autocannon ships no type declarations: the cast below types the part used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an untyped CommonJS package, typed by the cast
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<CannonResult>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function spawnProcess(script: string, env: Record<string, string>, ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(__dirname, '..', 'src', script)], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
      if (output.includes(ready)) {
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      const error = new Error(`${script} exited (${code ?? signal}):\n${output.slice(-4000)}`);
      if (!output.includes(ready)) {
        reject(error);
      } else if (signal !== 'SIGTERM' && code !== 0) {
        process.stderr.write(`${error.message}\n`);
      }
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(30_000).then(() => child.kill('SIGKILL'))]);
}

interface Lateness {
  count: number;
  p50: number;
  p99: number;
  max: number;
  firstDue: Date;
  lastSent: Date;
}

async function lateness(dataSource: DataSource, ids: string[]): Promise<Lateness> {
  const [row] = await dataSource.query<Lateness[]>(
    `SELECT count(*)::int AS count,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - due_at)) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - due_at)) AS p99,
            max(extract(epoch FROM sent_at - due_at)) AS max, min(due_at) AS "firstDue", max(sent_at) AS "lastSent"
       FROM reminder WHERE id = ANY($1::uuid[]) AND status = 'sent'`,
    [ids],
  );
  return { ...row, p50: Number(row.p50), p99: Number(row.p99), max: Number(row.max) };
}

/** Waits until the cases' reminders are all settled (a cheap index scan, not a 100,000-id array, every half second). */
async function waitUntilSent(dataSource: DataSource, caseIds: string[], deadline: number): Promise<void> {
  for (;;) {
    const [{ pending }] = await dataSource.query<
      {
        pending: number;
      }[]
    >(`SELECT count(*)::int AS pending FROM reminder WHERE case_id = ANY($1::uuid[]) AND status = 'pending'`, [
      caseIds,
    ]);
    if (pending === 0) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`${pending} reminders still pending at the deadline`);
    }
    await sleep(500);
  }
}

const format = (label: string, l: Lateness) =>
  `${label}: ${l.count} delivered; lateness p50 ${l.p50.toFixed(3)} s, p99 ${l.p99.toFixed(3)} s, max ${l.max.toFixed(3)} s`;

/** `spreadMs` 60,000: due evenly over one minute, as the target reads; 0: all due at the same instant, the worst case. */
async function burst(dataSource: DataSource, steps: ActiveStep[], spreadMs: number): Promise<void> {
  const label = spreadMs > 0 ? `burst over ${spreadMs / 1000} s` : 'burst at one instant';
  const dueFrom = Date.now() + BURST_LEAD_MS;
  const dueAts = Array.from({ length: BURST }, (_, i) => new Date(dueFrom + Math.floor((i * spreadMs) / BURST)));
  const ids: string[] = [];
  const perStep = Math.ceil(BURST / steps.length);
  const writeStarted = Date.now();
  for (const [index, step] of steps.entries()) {
    ids.push(...(await insertReminders(dataSource, step, dueAts.slice(index * perStep, (index + 1) * perStep))));
  }
  process.stdout.write(
    `${label}: ${ids.length} reminders written in ${((Date.now() - writeStarted) / 1000).toFixed(1)} s, due from +${((dueFrom - Date.now()) / 1000).toFixed(1)} s\n`,
  );
  await waitUntilSent(
    dataSource,
    steps.map((step) => step.caseId),
    dueFrom + spreadMs + 240_000,
  );
  const result = await lateness(dataSource, ids);
  const seconds = (new Date(result.lastSent).getTime() - new Date(result.firstDue).getTime()) / 1000;
  process.stdout.write(`${format(label, result)}\n`);
  process.stdout.write(
    `${label}: last delivery ${seconds.toFixed(1)} s after the first due time; ${(ids.length / seconds).toFixed(0)} reminders/s\n`,
  );
  const counts = await deliveryCounts(dataSource, ids);
  const once =
    counts.sent === ids.length &&
    counts.notifications === 2 * ids.length &&
    counts.audited === ids.length &&
    counts.outbox === ids.length &&
    counts.duplicated === 0;
  process.stdout.write(`${label}: exactly once: ${once ? 'yes' : 'NO'} ${JSON.stringify(counts)}\n`);
  process.stdout.write(`${label}: within 60 s of due time: ${result.max <= 60 ? 'yes' : 'NO'}\n`);
}

async function steady(
  dataSource: DataSource,
  steps: ActiveStep[],
  env: Record<string, string>,
  passwordHash: string,
): Promise<void> {
  const organizationId = steps[0].organizationId;
  const [{ id: userId }] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO app_user (email, display_name, organization_id, roles, password_hash) VALUES ('load@bench.samverkan.local', 'Load', $1, '{caseworker}', $2) RETURNING id`,
    [organizationId, passwordHash],
  );
  const routine = await createPublishedRoutine(
    dataSource,
    { organizationId, userId },
    routineDefinition([
      routineStep('report', OrganizationType.SocialServices, {
        dueAfter: 'P3D',
        dueFrom: 'case_start',
        remindBefore: 'P1D',
        escalateAfter: 'P1D',
      }),
    ]),
  );
  const port = String(await freePort());
  const api = await spawnProcess(
    'main.js',
    { ...env, LOG_LEVEL: 'info', APP_ROLE: 'api', PORT: port, HOST: '127.0.0.1' },
    'Listening on',
  );
  try {
    const url = `http://127.0.0.1:${port}`;
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'load@bench.samverkan.local', password: PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const dueFrom = Date.now() + 15_000;
    const dueAts = Array.from({ length: STEADY }, (_, i) => new Date(dueFrom + Math.floor((i * 60_000) / STEADY)));
    const ids = await insertReminders(dataSource, steps[1], dueAts);
    process.stdout.write(
      `normal load: ${ids.length} reminders due from +15 s over 60 s; API load ${RATE} req/s for 80 s\n`,
    );
    const load = autocannon({
      url,
      connections: 10,
      overallRate: RATE,
      duration: 80,
      requests: [
        { method: 'GET', path: '/api/v1/notifications?limit=20', headers },
        {
          method: 'POST',
          path: '/api/v1/cases',
          headers,
          body: JSON.stringify({ routineId: routine.id, participants: [organizationId] }),
        },
      ],
    });
    await waitUntilSent(dataSource, [steps[1].caseId], dueFrom + 60_000 + 60_000);
    const served = await load;
    process.stdout.write(
      `normal load: API served ${served.requests.average.toFixed(0)} req/s (p50 ${served.latency.p50} ms, p99 ${served.latency.p99} ms, non-2xx ${served.non2xx}, errors ${served.errors})\n`,
    );
    const result = await lateness(dataSource, ids);
    process.stdout.write(`${format('normal load', result)}\n`);
    process.stdout.write(`normal load: p99 under 1 s: ${result.p99 < 1 ? 'yes' : 'NO'}\n`);
  } finally {
    await stopProcess(api);
  }
}

async function main(): Promise<void> {
  const database = `samverkan_bench_reminders_${randomBytes(3).toString('hex')}`;
  const prefix = `bench-${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = databaseUrl(database);
  const dataSource = await new DataSource(
    dataSourceOptions({ database: { mode: 'server', url, poolSize: 4, migrationsRun: true } }),
  ).initialize();
  const workers: ChildProcess[] = [];
  try {
    await runMigrations(dataSource);
    const steps: ActiveStep[] = [];
    for (let i = 0; i < STEPS; i += 1) {
      steps.push(await createActiveStep(dataSource));
    }
    const env = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: '10',
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      JWT_SECRET,
      REFERENCE_HMAC_KEY: HMAC_KEY,
      MIGRATIONS_RUN: 'false',
    };
    for (let i = 0; i < WORKERS; i += 1) {
      workers.push(
        await spawnProcess('worker.js', { ...env, LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1' }, 'Worker ready'),
      );
    }
    process.stdout.write(`${WORKERS} worker processes on ${REDIS_URL} (prefix ${prefix}), database ${database}\n`);
    if (BURST > 0) {
      await burst(dataSource, steps, 60_000);
      await burst(dataSource, steps, 0);
    }
    await steady(dataSource, steps, env, await hashPassword(PASSWORD));
  } finally {
    await Promise.all(workers.map(stopProcess));
    for (const name of QUEUE_NAMES) {
      const queue = new Queue(name, { connection: { url: REDIS_URL }, prefix: `{${prefix}}` });
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
    await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
