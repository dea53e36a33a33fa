import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startChildApp } from './child-app';
import { startWebhookReceiver } from './webhook-receiver';

/**
 * The embedded default under load, as a newcomer runs it (`node dist/src/main.js`, no DATABASE_URL): the API
 * answers `concurrency` requests at a time while cases open at a steady rate, each with an overdue reminder a few
 * seconds later, delivered as notifications and a notification.created webhook. No Jest globals: the benchmark
 * (bench/embedded-load.ts, 60 s) and the e2e spec (a few seconds) share it.
 */
export interface EmbeddedLoadOptions {
  seconds: number;
  concurrency: number;
  casesPerSecond: number;
  /** Seconds from a case's opening to its step's due time (its overdue reminder). */
  dueAfterSeconds: number;
  /** How long to wait after the load for the last deliveries. */
  settleSeconds: number;
  progress?: (line: string) => void;
}

export interface EmbeddedLoadResult {
  requests: number;
  /** Answers with another status than the request's own, or with another record's data. */
  wrongAnswers: number;
  wrongAnswerSamples: string[];
  casesOpened: number;
  /** Cases whose reminder reached the webhook receiver. */
  delivered: number;
  duplicateDeliveries: number;
  failedJobs: number;
  protocolErrors: number;
  protocolErrorSamples: string[];
  /** `Connection terminated unexpectedly` lines while the service stopped. */
  terminatedOnStop: number;
  startLines: number;
  /** The first warnings and errors the service logged (for a failure's message). */
  warningSamples: string[];
  /** Per queue, whether the queue dashboard (Bull Board) sees a worker consuming it. */
  dashboardWorkers: Record<string, boolean | null>;
}

const SEED = join(ROOT, 'dist', 'bench', 'embedded-seed.js');
const PASSWORD = 'embedded-load-password';
const CASEWORKER = 'caseworker@demo.samverkan.local';
const COORDINATOR = 'coordinator@demo.samverkan.local';
const ADMIN = 'admin@demo.samverkan.local';

/** What PGlite answers when two connections' extended-protocol messages interleave on its one session. */
export const PROTOCOL_ERROR =
  /bind message supplies \d+ parameters|unnamed prepared statement does not exist|prepared statement "[^"]*" does not exist|portal "[^"]*" does not exist|insufficient data left in message|unexpected message type/;

interface Check {
  name: string;
  path: () => string;
  token: () => string;
  accept: (status: number, body: unknown) => boolean;
}

export async function runEmbeddedLoad(options: EmbeddedLoadOptions): Promise<EmbeddedLoadResult> {
  const progress = options.progress ?? (() => undefined);
  const dataDir = mkdtempSync(join(tmpdir(), 'samverkan-embedded-load-'));
  const receiver = await startWebhookReceiver();
  try {
    const seed = await runSeed(dataDir, `PT${options.dueAfterSeconds}S`);
    progress(`seeded ${dataDir}: routine ${seed.routineId}`);
    const app = await startChildApp({ DATA_DIR: dataDir, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' }, 120_000);
    const startLines = app
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '').length;
    let stopped = false;
    try {
      const call = async (method: string, path: string, token: string, body?: unknown) => {
        const response = await fetch(`${app.url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        return {
          status: response.status,
          body: text && response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : text,
        };
      };
      const caseworker = await signIn(app.url, CASEWORKER);
      const coordinator = await signIn(app.url, COORDINATOR);
      const me = (await call('GET', '/api/v1/auth/me', caseworker)).body as { id: string };
      const board = (await call('GET', '/admin/queues/api/queues', await signIn(app.url, ADMIN))).body as {
        queues: { name: string; hasWorkers: boolean | null }[];
      };
      const dashboardWorkers = Object.fromEntries(board.queues.map((queue) => [queue.name, queue.hasWorkers]));
      const subscription = await call('POST', '/api/v1/webhooks', coordinator, {
        url: `${receiver.url}/load`,
        events: ['notification.created'],
      });
      if (subscription.status !== 201) {
        throw new Error(`webhook subscription: ${subscription.status} ${JSON.stringify(subscription.body)}`);
      }

      const cases: string[] = [];
      const wrong: string[] = [];
      let requests = 0;
      const record = (name: string, expected: boolean, status: number, body: unknown) => {
        requests += 1;
        if (!expected) {
          wrong.push(`${name}: ${status} ${JSON.stringify(body).slice(0, 200)}`);
        }
      };
      const someCase = () => cases[Math.floor(Math.random() * cases.length)];
      const checks: Check[] = [
        {
          name: 'me',
          path: () => '/api/v1/auth/me',
          token: () => caseworker,
          accept: (status, body) => status === 200 && (body as { id?: string }).id === me.id,
        },
        {
          name: 'case',
          path: () => (cases.length > 0 ? `/api/v1/cases/${someCase()}` : '/api/v1/auth/me'),
          token: () => caseworker,
          accept: (status, body) =>
            status === 200 &&
            (cases.includes((body as { id?: string }).id ?? '') || (body as { id?: string }).id === me.id),
        },
        {
          name: 'notifications',
          path: () => '/api/v1/notifications?limit=20',
          token: () => coordinator,
          accept: (status, body) => status === 200 && Array.isArray((body as { items?: unknown }).items),
        },
        {
          name: 'routine',
          path: () => `/api/v1/routines/${seed.routineId}`,
          token: () => coordinator,
          accept: (status, body) => status === 200 && (body as { id?: string }).id === seed.routineId,
        },
        {
          name: 'goals',
          path: () => '/api/v1/goals',
          token: () => caseworker,
          accept: (status, body) => status === 200 && (body as { items?: unknown[] }).items?.length === 8,
        },
        {
          name: 'cases',
          path: () => '/api/v1/cases?limit=20',
          token: () => caseworker,
          accept: (status, body) => status === 200 && Array.isArray((body as { items?: unknown }).items),
        },
      ];

      const deadline = Date.now() + options.seconds * 1000;
      const opener = (async () => {
        const interval = 1000 / options.casesPerSecond;
        for (let next = Date.now(); Date.now() < deadline; next += interval) {
          const opened = await call('POST', '/api/v1/cases', caseworker, {
            routineId: seed.routineId,
            participants: [seed.organizationId],
          });
          const id = (opened.body as { id?: string }).id;
          record('open case', opened.status === 201 && typeof id === 'string', opened.status, opened.body);
          if (opened.status === 201 && id) {
            cases.push(id);
          }
          await sleep(Math.max(0, next + interval - Date.now()));
        }
      })();
      const readers = Array.from({ length: options.concurrency }, async (_, reader) => {
        for (let turn = reader; Date.now() < deadline; turn += 1) {
          const check = checks[turn % checks.length];
          const answer = await call('GET', check.path(), check.token()).catch((error: Error) => ({
            status: 0,
            body: error.message,
          }));
          record(check.name, check.accept(answer.status, answer.body), answer.status, answer.body);
        }
      });
      await Promise.all([opener, ...readers]);
      progress(`load over: ${requests} requests, ${wrong.length} wrong answers, ${cases.length} cases opened`);

      const deliveredCases = () => {
        const seen = new Map<string, number>();
        for (const message of receiver.received) {
          const caseId = (JSON.parse(message.body) as { data?: { caseId?: string } }).data?.caseId;
          if (caseId && message.status === 200) {
            seen.set(caseId, (seen.get(caseId) ?? 0) + 1);
          }
        }
        return seen;
      };
      const settleBy = Date.now() + (options.settleSeconds + options.dueAfterSeconds) * 1000;
      while (cases.some((id) => !deliveredCases().has(id)) && Date.now() < settleBy) {
        await sleep(250);
      }
      const seen = deliveredCases();
      const metrics = await fetch(`${app.url}/metrics`).then((response) => response.text());
      stopped = true;
      await app.stop();
      const output = app.output().split('\n');
      const protocolLines = output.filter((line) => PROTOCOL_ERROR.test(line));
      return {
        requests,
        wrongAnswers: wrong.length,
        wrongAnswerSamples: wrong.slice(0, 5),
        casesOpened: cases.length,
        delivered: cases.filter((id) => seen.has(id)).length,
        duplicateDeliveries: [...seen.values()].reduce((sum, count) => sum + count - 1, 0),
        failedJobs: failedJobs(metrics),
        protocolErrors: protocolLines.length,
        protocolErrorSamples: protocolLines.slice(0, 3).map((line) => line.slice(0, 300)),
        terminatedOnStop: output.filter((line) => line.includes('Connection terminated unexpectedly')).length,
        startLines,
        dashboardWorkers,
        warningSamples: output
          .filter((line) => /"level":(40|50|60)/.test(line))
          .slice(0, 5)
          .map((line) => line.slice(0, 300)),
      };
    } finally {
      if (!stopped) {
        await app.stop();
      }
    }
  } finally {
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Sum of queue_jobs_failed_total over the queues. */
function failedJobs(metrics: string): number {
  return metrics
    .split('\n')
    .filter((line) => line.startsWith('queue_jobs_failed_total{'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in of ${email}: ${response.status} ${await response.text()}`);
  }
  return ((await response.json()) as { accessToken: string }).accessToken;
}

function runSeed(dataDir: string, dueAfter: string): Promise<{ organizationId: string; routineId: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SEED, `--password=${PASSWORD}`, `--due-after=${dueAfter}`], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => {
      const line = output.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) {
        resolve(JSON.parse(line) as { organizationId: string; routineId: string });
      } else {
        reject(new Error(`the seed exited ${code}:\n${output}`));
      }
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
