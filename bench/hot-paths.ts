/**
 * Hot paths, as ratios to pgbench: `npm run bench:hot-paths [-- --cases 10000,1000000]`.
 *
 * In one run on one machine:
 *  1. pgbench's TPC-B-like transaction on a scratch database (`pgbench -i`, then `-c 50 -j 2 -T BENCH_SECONDS`):
 *     the baseline every figure is divided by.
 *  2. A county from `seed:scale` for each `--cases` size (databases `samverkan_bench_scale_<n>` on the server of
 *     DATABASE_URL, kept and reused; BENCH_RESEED=true seeds them again), the API booted as a separate process
 *     (dist/bench/cases-server.js, server mode) and driven by autocannon from this one at BENCH_CONNECTIONS (50):
 *     create case, complete step, get case (an audited read) and list my open cases (50 per page) on the smallest
 *     county, as the caseworker and manager of its busiest organisation; then get case and list on every size, for
 *     their p50 against the smallest (target ≤ 1.5 at 1,000,000 against 10,000).
 *  3. `audit:verify` over the smallest county's chain (events/s).
 *  4. Embedded mode (PGlite) against server mode on the same read bench, both seeded with BENCH_EMBEDDED_CASES.
 * Writes (create, complete) add cases to the smallest county; they count in its later runs. BENCH_SECONDS (10),
 * BENCH_CONNECTIONS (50), BENCH_EMBEDDED_CASES (2000; 0 skips the comparison), DATABASE_POOL_SIZE (the API's pool),
 * BENCH_CPU_PROF=<dir> (profiles of the API processes).
 */
import 'reflect-metadata';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { ScaleSignIn } from '../src/cli/seed-scale';
import { OrganizationType } from '../src/organizations/organization-type';
import type { DataSource } from 'typeorm';
import { createPublishedRoutine, routineDefinition, routineStep } from '../test/support/routine-fixtures';

const run = promisify(execFile);
const SERVER_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const EMBEDDED_CASES = Number(process.env.BENCH_EMBEDDED_CASES ?? 2000);
const RESEED = process.env.BENCH_RESEED === 'true';
/** Independent steps per benchmark case: each case opened offers this many completions. */
const PARALLEL_STEPS = 12;
const DIST = join(__dirname, '..');

interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: CannonRequest) => CannonRequest;
  onResponse?: (status: number, body: string) => void;
}

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

// autocannon ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: {
  url: string;
  connections: number;
  duration: number;
  requests: CannonRequest[];
}) => Promise<CannonResult>;

const urlOf = (database: string) => {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
};

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** pgbench's TPC-B-like transaction at the benchmark's connections, on a scratch database dropped afterwards. */
async function pgbenchTps(): Promise<number> {
  const database = `samverkan_bench_pgbench_${randomBytes(3).toString('hex')}`;
  await withClient(SERVER_URL, (admin) => admin.query(`CREATE DATABASE ${database}`));
  try {
    const url = urlOf(database);
    await run('pgbench', ['-i', '-q', url]);
    const { stdout } = await run('pgbench', ['-c', String(CONNECTIONS), '-j', '2', '-T', String(SECONDS), url]);
    const tps = /tps = ([0-9.]+)/.exec(stdout);
    if (!tps) {
      throw new Error(`pgbench printed no tps:\n${stdout}`);
    }
    return Number(tps[1]);
  } finally {
    await withClient(SERVER_URL, (admin) => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
}

const SEED_ENV = {
  JWT_SECRET: 'bench-hot-paths-jwt-secret-that-is-long-enough',
  REFERENCE_HMAC_KEY: 'bench-hot-paths-reference-hmac-key-long-enough',
  LOG_LEVEL: 'warn',
};

/** Runs seed:scale into `target` (DATABASE_URL or DATA_DIR) and answers its sign-in accounts. */
async function seed(target: Record<string, string>, cases: number): Promise<ScaleSignIn[]> {
  const out = join(tmpdir(), `samverkan-bench-users-${randomBytes(3).toString('hex')}.json`);
  const started = Date.now();
  await run(process.execPath, [join(DIST, 'src/cli/seed-scale.js'), '--cases', String(cases), '--out', out], {
    env: { PATH: process.env.PATH ?? '', REDIS_URL, ...SEED_ENV, ...target },
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(`seeded ${cases} cases in ${Math.round((Date.now() - started) / 1000)} s\n`);
  const { users } = JSON.parse(readFileSync(out, 'utf8')) as { users: ScaleSignIn[] };
  rmSync(out);
  return users;
}

/** The county of `cases` cases on the server, seeded unless it is there already (its accounts kept beside it). */
async function serverCounty(cases: number): Promise<{ url: string; users: ScaleSignIn[] }> {
  const database = `samverkan_bench_scale_${cases}`;
  const url = urlOf(database);
  const usersFile = join(tmpdir(), `${database}.users.json`);
  const exists = await withClient(SERVER_URL, async (admin) => {
    const found = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [database]);
    return found.rowCount === 1;
  });
  if (exists && !RESEED && existsSync(usersFile)) {
    // A county kept from an earlier build may lack this build's migrations; the API below starts without running them.
    await run(process.execPath, [join(DIST, 'src/cli/migrate.js')], {
      env: { PATH: process.env.PATH ?? '', REDIS_URL, ...SEED_ENV, DATABASE_URL: url },
    });
    return { url, users: (JSON.parse(readFileSync(usersFile, 'utf8')) as { users: ScaleSignIn[] }).users };
  }
  await withClient(SERVER_URL, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  });
  const users = await seed({ DATABASE_URL: url }, cases);
  writeFileSync(usersFile, JSON.stringify({ users }));
  return { url, users };
}

/** Starts the benchmark's API process; resolves with its URL once it listens. */
function startServer(env: Record<string, string>): Promise<{ server: ChildProcess; url: string }> {
  // BENCH_CPU_PROF=<dir>: each API process writes a CPU profile there when it stops (node --cpu-prof).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const server = spawn(process.execPath, [...profile, join(__dirname, 'cases-server.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      REDIS_URL,
      QUEUE_PREFIX: `bench-hot-${randomBytes(3).toString('hex')}`,
      MIGRATIONS_RUN: 'false',
      // DATABASE_POOL_SIZE=<n>: the API's pool, to compare sizes; otherwise its default.
      ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
      ...SEED_ENV,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      if (output.length < 100_000) {
        output += chunk.toString('utf8');
      }
      const listening = /Listening on (http:\/\/[0-9.:]+)/.exec(output);
      if (listening) {
        resolve({ server, url: listening[1] });
      }
    };
    server.stdout?.on('data', collect);
    server.stderr?.on('data', collect);
    server.once('exit', (code) => reject(new Error(`bench server exited (${code}):\n${output}`)));
  });
}

async function stopServer(server: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

async function login(url: string, user: ScaleSignIn): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (response.status !== 200) {
    throw new Error(`login ${user.email}: ${response.status}`);
  }
  return ((await response.json()) as { accessToken: string }).accessToken;
}

const who = (users: ScaleSignIn[], role: string) => {
  const user = users.find((candidate) => candidate.roles.includes(role as ScaleSignIn['roles'][number]));
  if (!user) {
    throw new Error(`the county has no ${role} to sign in`);
  }
  return user;
};

function measure(url: string, token: string, request: CannonRequest): Promise<CannonResult> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        ...request,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...request.headers },
      },
    ],
  });
}

/** Twelve independent steps of the caseworker's organisation, so that each case opened offers twelve completions. */
async function benchRoutine(url: string, owner: ScaleSignIn): Promise<{ routineId: string; participants: string[] }> {
  return withClient(url, async (client) => {
    const definition = routineDefinition(
      [
        ...Array.from({ length: PARALLEL_STEPS }, (_, i) =>
          routineStep(`assess_${i + 1}`, OrganizationType.SocialServices, {
            dueAfter: 'P3D',
            remindBefore: 'P1D',
            escalateAfter: 'P2D',
            outcomeCodes: ['assessed'],
          }),
        ),
        routineStep('police_follow_up', OrganizationType.Police, { dependsOn: ['assess_1'], outcomeCodes: ['done'] }),
      ],
      { title: 'Benchmark: parallel assessments' },
    );
    const { rows: existing } = await client.query<{ id: string }>(
      `SELECT r.id FROM routine r JOIN routine_version v ON v.routine_id = r.id WHERE v.definition ->> 'title' = $1`,
      [definition.title],
    );
    let routineId = existing[0]?.id;
    if (!routineId) {
      const { rows } = await client.query<{ id: string }>(
        `SELECT id FROM app_user WHERE organization_id = $1 LIMIT 1`,
        [owner.organizationId],
      );
      // The fixture writes the routine rows as publishing leaves them, through nothing but `query`.
      const queries = {
        query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as unknown[],
      };
      const published = await createPublishedRoutine(
        queries as unknown as DataSource,
        { organizationId: owner.organizationId, userId: rows[0].id },
        definition,
      );
      routineId = published.id;
    }
    const { rows: police } = await client.query<{ id: string }>(
      `SELECT o.id FROM organization o JOIN organization mine ON mine.id = $1
        WHERE o.type = 'police' AND o.municipality_code = mine.municipality_code ORDER BY o.name LIMIT 1`,
      [owner.organizationId],
    );
    return { routineId, participants: [owner.organizationId, police[0].id] };
  });
}

/** Opens cases over HTTP, `parallel` at a time, and answers their ids. */
async function openCases(url: string, token: string, body: unknown, count: number, parallel = 20): Promise<string[]> {
  const ids: string[] = [];
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started += 1;
      const response = await fetch(`${url}/api/v1/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) {
        throw new Error(`opening a case: ${response.status} ${await response.text()}`);
      }
      ids.push(((await response.json()) as { id: string }).id);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return ids;
}

/** Ids of cases the organisation takes part in, newest first, read through the API (as the client would find them). */
async function someCases(apiUrl: string, token: string, pages = 20): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < pages; page += 1) {
    const response = await fetch(`${apiUrl}/api/v1/cases?limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as { items: { id: string }[]; nextCursor?: string | null };
    ids.push(...body.items.map((item) => item.id));
    if (!body.nextCursor) {
      break;
    }
    cursor = encodeURIComponent(body.nextCursor);
  }
  if (ids.length === 0) {
    throw new Error('the organisation takes part in no case');
  }
  return ids;
}

interface Figure {
  name: string;
  result: CannonResult;
}

/** Get case and list my open cases against a running API. */
async function reads(apiUrl: string, users: ScaleSignIn[]): Promise<Figure[]> {
  const caseworker = who(users, 'caseworker');
  const manager = who(users, 'manager');
  const [caseworkerToken, managerToken] = [await login(apiUrl, caseworker), await login(apiUrl, manager)];
  const ids = await someCases(apiUrl, managerToken);
  let next = 0;
  return [
    {
      name: 'get case (audited read)',
      result: await measure(apiUrl, managerToken, {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: `/api/v1/cases/${ids[next++ % ids.length]}` }),
      }),
    },
    {
      name: 'list my open cases (50 per page)',
      result: await measure(apiUrl, caseworkerToken, { method: 'GET', path: '/api/v1/cases?status=open&limit=50' }),
    },
  ];
}

async function writes(apiUrl: string, dbUrl: string, users: ScaleSignIn[]): Promise<Figure[]> {
  const caseworker = who(users, 'caseworker');
  const token = await login(apiUrl, caseworker);
  const routine = await benchRoutine(dbUrl, caseworker);
  const body = { routineId: routine.routineId, participants: routine.participants };
  const created: string[] = [];
  const create = await measure(apiUrl, token, {
    method: 'POST',
    path: '/api/v1/cases',
    body: JSON.stringify(body),
    onResponse: (status, text) => {
      const id = status === 201 ? /"id":"([0-9a-f-]{36})"/.exec(text)?.[1] : undefined;
      if (id) {
        created.push(id);
      }
    },
  });
  // Enough completions for a run three times as fast as the target ratio would need.
  const wanted = Math.ceil((CONNECTIONS * SECONDS * 60) / PARALLEL_STEPS);
  if (created.length < wanted) {
    created.push(...(await openCases(apiUrl, token, body, wanted - created.length)));
  }
  await withClient(dbUrl, (client) => client.query('ANALYZE'));
  const completions = Array.from({ length: PARALLEL_STEPS }, (_, step) =>
    created.map((id) => `/api/v1/cases/${id}/steps/assess_${step + 1}/complete`),
  ).flat();
  let next = 0;
  const complete = await measure(apiUrl, token, {
    method: 'POST',
    body: JSON.stringify({ outcomeCode: 'assessed' }),
    setupRequest: (request) => ({ ...request, path: completions[next++ % completions.length] }),
  });
  if (next > completions.length) {
    process.stdout.write(`(completions ran out: ${next} asked, ${completions.length} there)\n`);
  }
  return [
    { name: 'create case', result: create },
    { name: 'complete step', result: complete },
  ];
}

async function auditVerify(dbUrl: string): Promise<{ events: number; seconds: number }> {
  const started = process.hrtime.bigint();
  const { stdout } = await run(process.execPath, [join(DIST, 'src/cli/audit-verify.js')], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: dbUrl, REDIS_URL, MIGRATIONS_RUN: 'false', ...SEED_ENV },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const result = JSON.parse(stdout) as { valid: boolean; checked: number };
  if (!result.valid) {
    throw new Error('the seeded chain does not verify');
  }
  return { events: result.checked, seconds };
}

const perSecond = (result: CannonResult) => result.requests.average;

async function main(): Promise<void> {
  const casesArg = process.argv.find((arg, i) => process.argv[i - 1] === '--cases' || arg.startsWith('--cases='));
  const sizes = (casesArg?.replace('--cases=', '') ?? '10000,1000000')
    .split(',')
    .map(Number)
    .sort((a, b) => a - b);
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  const counties = [];
  for (const size of sizes) {
    counties.push({ size, ...(await serverCounty(size)) });
  }

  const tps = await pgbenchTps();
  say(`pgbench TPC-B-like, ${CONNECTIONS} connections, ${SECONDS} s: ${tps.toFixed(0)} tps`);
  const ratio = (value: number) => (value / tps).toFixed(3);
  const row = (figure: Figure) =>
    `| ${figure.name} | ${perSecond(figure.result).toFixed(0)} | ${ratio(perSecond(figure.result))} | ${figure.result.latency.p50} | ${figure.result.latency.p99} | ${figure.result.non2xx + figure.result.errors} |`;

  const [smallest] = counties;
  const byCounty = new Map<number, Figure[]>();
  {
    const { server, url } = await startServer({ DATABASE_URL: smallest.url, APP_ROLE: 'api' });
    try {
      const written = await writes(url, smallest.url, smallest.users);
      say(`\nserver mode, ${smallest.size} cases, ${CONNECTIONS} connections, ${SECONDS} s per run\n`);
      say('| request | req/s | ÷ pgbench tps | p50 ms | p99 ms | errors + non-2xx |');
      say('| --- | ---: | ---: | ---: | ---: | ---: |');
      for (const figure of written) {
        say(row(figure));
      }
      const read = await reads(url, smallest.users);
      byCounty.set(smallest.size, read);
      for (const figure of read) {
        say(row(figure));
      }
    } finally {
      await stopServer(server);
    }
  }
  for (const county of counties.slice(1)) {
    const { server, url } = await startServer({ DATABASE_URL: county.url, APP_ROLE: 'api' });
    try {
      byCounty.set(county.size, await reads(url, county.users));
    } finally {
      await stopServer(server);
    }
  }
  if (counties.length > 1) {
    say(`\np50 as the county grows (same bench, ${CONNECTIONS} connections)\n`);
    say(`| request | ${counties.map((county) => `p50 ms at ${county.size}`).join(' | ')} | ratio largest ÷ smallest |`);
    say(`| --- | ${counties.map(() => '---:').join(' | ')} | ---: |`);
    for (const [i, figure] of (byCounty.get(smallest.size) ?? []).entries()) {
      const p50s = counties.map((county) => byCounty.get(county.size)?.[i].result.latency.p50 ?? NaN);
      say(`| ${figure.name} | ${p50s.join(' | ')} | ${(p50s[p50s.length - 1] / p50s[0]).toFixed(2)} |`);
    }
  }

  const verified = await auditVerify(smallest.url);
  say(
    `\naudit verify: ${verified.events} events in ${verified.seconds.toFixed(1)} s = ${(verified.events / verified.seconds).toFixed(0)} events/s (process start included)`,
  );

  if (EMBEDDED_CASES > 0) {
    const server = await serverCounty(EMBEDDED_CASES);
    const dataDir = mkdtempSync(join(tmpdir(), 'samverkan-bench-embedded-'));
    try {
      const embeddedUsers = await seed({ DATA_DIR: dataDir }, EMBEDDED_CASES);
      const embeddedRun = await startServer({ DATA_DIR: dataDir, APP_ROLE: 'all' });
      let embedded: Figure[];
      try {
        embedded = await reads(embeddedRun.url, embeddedUsers);
      } finally {
        await stopServer(embeddedRun.server);
      }
      const serverRun = await startServer({ DATABASE_URL: server.url, APP_ROLE: 'all' });
      let served: Figure[];
      try {
        served = await reads(serverRun.url, server.users);
      } finally {
        await stopServer(serverRun.server);
      }
      say(`\nembedded (PGlite) against server mode, ${EMBEDDED_CASES} cases each, APP_ROLE=all\n`);
      say('| request | embedded req/s | server req/s | embedded ÷ server |');
      say('| --- | ---: | ---: | ---: |');
      for (const [i, figure] of embedded.entries()) {
        const [e, s] = [perSecond(figure.result), perSecond(served[i].result)];
        say(`| ${figure.name} | ${e.toFixed(0)} | ${s.toFixed(0)} | ${(e / s).toFixed(2)} |`);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
