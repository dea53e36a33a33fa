/**
 * Cases benchmark: `npm run bench:cases` (or `npm run build && node dist/bench/cases-load.js`).
 *
 * Creates a fresh database of its own on the server of DATABASE_URL (default 127.0.0.1; dropped afterwards unless
 * BENCH_KEEP_DATABASE=true), seeds
 * a region (social services in each of Stockholm county's 26 municipalities, the police region and the health
 * care region, staff, a published three-organisation routine and BENCH_BACKGROUND_CASES cases), boots the API as
 * a separate process (`dist/bench/cases-server.js`, APP_ROLE=api) and drives it with autocannon, BENCH_SECONDS
 * (30) at BENCH_CONNECTIONS (50) each: a baseline endpoint that inserts one row and returns it, create case,
 * complete step (state + audit + reminder + outbox rows in one transaction), get case (an audited read) and
 * list my open cases, then the baseline again to show the drift. Prints req/s, p50/p99 and the ratio to the
 * baseline, and the CPU time each request cost the API process and its PostgreSQL backends (read from /proc): on a
 * shared, noisy machine that cost is steadier than req/s, and its inverse gives the throughput ratio on a quiet one.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Role } from '../src/common/auth/role';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrations } from '../src/database/database.module';
import { MUNICIPALITIES } from '../src/organizations/municipalities';
import { OrganizationType } from '../src/organizations/organization-type';
import { hashPassword } from '../src/users/users.service';
import { createPublishedRoutine, routineDefinition, routineStep } from '../test/support/routine-fixtures';
import { BASELINE_TABLE_SQL } from './cases-baseline';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const BACKGROUND_CASES = Number(process.env.BENCH_BACKGROUND_CASES ?? 1000);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'warn';
/** Keep the database afterwards, to look at plans and data. */
const KEEP_DATABASE = process.env.BENCH_KEEP_DATABASE === 'true';
const PASSWORD = 'bench-password-0123456789';
/** Parallel steps per case: each case offers this many independent completions to the complete-step run. */
const PARALLEL_STEPS = 6;

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
  timeouts: number;
}

// autocannon ships no type declarations: the cast below types the part used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an untyped CommonJS package, typed by the cast
const autocannon = require('autocannon') as (options: {
  url: string;
  connections: number;
  duration: number;
  requests: CannonRequest[];
}) => Promise<CannonResult>;

interface Staff {
  organizationId: string;
  caseworker: string;
  manager: string;
}

/** Six parallel social-services assessments, each followed by a police follow-up, then a joint conference. */
function benchRoutine() {
  const assessments = Array.from({ length: PARALLEL_STEPS }, (_, i) =>
    routineStep(`assess_${i + 1}`, OrganizationType.SocialServices, {
      dueAfter: 'P3D',
      workingDays: true,
      remindBefore: 'P1D',
      escalateAfter: 'P2D',
      outcomeCodes: ['assessed', 'not_needed'],
    }),
  );
  const followUps = assessments.map((step, i) =>
    routineStep(`follow_up_${i + 1}`, OrganizationType.Police, {
      dependsOn: [step.key],
      dueAfter: 'P2D',
      workingDays: true,
      remindBefore: 'PT12H',
      escalateAfter: 'P1D',
      outcomeCodes: ['followed_up'],
    }),
  );
  const conference = routineStep('conference', OrganizationType.SocialServices, {
    dependsOn: followUps.map((step) => step.key),
    dueAfter: 'P5D',
    workingDays: true,
    outcomeCodes: ['plan_agreed'],
  });
  return routineDefinition([...assessments, ...followUps, conference], {
    title: 'Benchmark: structured collaboration in individual cases',
    goals: [3],
  });
}

async function seedOrganization(
  dataSource: DataSource,
  type: OrganizationType,
  municipalityCode: string,
  name: string,
  passwordHash: string,
) {
  const [{ id }] = await dataSource.query<
    {
      id: string;
    }[]
  >(`INSERT INTO organization (name, type, municipality_code) VALUES ($1, $2, $3) RETURNING id`, [
    name,
    type,
    municipalityCode,
  ]);
  const emails: Record<string, string> = {};
  for (const role of [Role.Coordinator, Role.Caseworker, Role.Manager]) {
    emails[role] = `${role}.${type}.${municipalityCode}@bench.samverkan.local`;
    await dataSource.query(
      `INSERT INTO app_user (email, display_name, organization_id, roles, password_hash) VALUES ($1, $2, $3, $4, $5)`,
      [emails[role], `Bench ${role}`, id, [role], passwordHash],
    );
  }
  return { id, emails };
}

async function login(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status !== 200) {
    throw new Error(`login ${email}: ${response.status}`);
  }
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Starts the benchmark's API process on a free port; resolves with its URL once it listens. */
function startServer(env: Record<string, string>): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(process.execPath, [join(__dirname, 'cases-server.js')], {
    env: { ...process.env, ...env },
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

/** CPU seconds a process has used (Linux /proc: utime + stime, in clock ticks of 1/100 s); 0 once it is gone. */
function cpuSeconds(pid: number): number {
  const path = `/proc/${pid}/stat`;
  if (!existsSync(path)) {
    return 0;
  }
  const fields = readFileSync(path, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Measured extends CannonResult {
  /** CPU milliseconds per completed request: the API process plus the PostgreSQL backends serving it. */
  cpuMsPerRequest: number;
  /** The PostgreSQL backends' part of it. */
  databaseCpuMsPerRequest: number;
}

/** Runs autocannon and accounts the CPU the API process and the benchmark database's backends spent meanwhile. */
async function run(
  url: string,
  token: string,
  request: CannonRequest,
  serverPid: number,
  admin: Client,
  database: string,
): Promise<Measured> {
  const backends = async () =>
    (
      (await admin.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [database])).rows as { pid: number }[]
    ).map((row) => row.pid);
  const before = new Map([serverPid, ...(await backends())].map((pid) => [pid, cpuSeconds(pid)]));
  const result = await autocannon({
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
  const pids = new Set([...before.keys(), ...(await backends())]);
  const spent = (of: number[]) =>
    of.reduce((sum, pid) => sum + Math.max(0, cpuSeconds(pid) - (before.get(pid) ?? 0)), 0);
  const perRequest = (seconds: number) => (seconds * 1000) / Math.max(1, result.requests.total);
  const backendSeconds = spent([...pids].filter((pid) => pid !== serverPid));
  return {
    ...result,
    cpuMsPerRequest: perRequest(backendSeconds + spent([serverPid])),
    databaseCpuMsPerRequest: perRequest(backendSeconds),
  };
}

async function analyze(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('ANALYZE');
  await client.end();
}

/** Opens `count` cases over HTTP, `parallel` at a time. */
async function openCases(
  url: string,
  count: number,
  parallel: number,
  next: (i: number) => { token: string; body: unknown },
): Promise<void> {
  let started = 0;
  const worker = async () => {
    while (started < count) {
      const { token, body } = next(started++);
      const response = await fetch(`${url}/api/v1/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) {
        throw new Error(`seeding a case: ${response.status} ${await response.text()}`);
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

async function main(): Promise<void> {
  const database = `samverkan_bench_cases_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = new URL(SERVER_URL);
  databaseUrl.pathname = `/${database}`;
  let server: ChildProcess | undefined;
  try {
    const dataSource = await new DataSource(
      dataSourceOptions({
        database: { mode: 'server', url: databaseUrl.toString(), poolSize: 4, migrationsRun: true },
      }),
    ).initialize();
    await runMigrations(dataSource);
    await dataSource.query(BASELINE_TABLE_SQL);

    // The region: social services in every municipality of Stockholm county, one police region, one health care region.
    const passwordHash = await hashPassword(PASSWORD);
    const county = MUNICIPALITIES.filter((municipality) => municipality.countyCode === '01');
    const socials = [];
    for (const municipality of county) {
      socials.push(
        await seedOrganization(
          dataSource,
          OrganizationType.SocialServices,
          municipality.code,
          `Socialtjänsten ${municipality.name}`,
          passwordHash,
        ),
      );
    }
    const police = await seedOrganization(
      dataSource,
      OrganizationType.Police,
      '0180',
      'Polisregion Stockholm',
      passwordHash,
    );
    const health = await seedOrganization(
      dataSource,
      OrganizationType.Healthcare,
      '0180',
      'Region Stockholm',
      passwordHash,
    );
    const stockholm = socials[county.findIndex((municipality) => municipality.code === '0180')];
    const routine = await createPublishedRoutine(
      dataSource,
      {
        organizationId: stockholm.id,
        userId: (await dataSource.query<{ id: string }[]>(`SELECT id FROM app_user LIMIT 1`))[0].id,
      },
      benchRoutine(),
    );
    await dataSource.destroy();

    const started = await startServer({
      NODE_ENV: 'production',
      APP_ROLE: 'api',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL,
      QUEUE_PREFIX: `bench-cases-${randomBytes(3).toString('hex')}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      REFERENCE_HMAC_KEY: randomBytes(32).toString('hex'),
      MIGRATIONS_RUN: 'false',
      LOG_LEVEL,
    });
    server = started.server;
    const url = started.url;
    const serverPid = started.server.pid as number;
    const measure = (token: string, request: CannonRequest) => run(url, token, request, serverPid, admin, database);

    const staff: Staff = {
      organizationId: stockholm.id,
      caseworker: await login(url, stockholm.emails.caseworker),
      manager: await login(url, stockholm.emails.manager),
    };
    const caseBody = (socialId: string) => ({ routineId: routine.id, participants: [socialId, police.id, health.id] });
    const others = socials.filter((social) => social !== stockholm);
    const otherTokens = await Promise.all(others.map((social) => login(url, social.emails.caseworker)));
    await openCases(url, BACKGROUND_CASES, 20, (i) => ({
      token: otherTokens[i % others.length],
      body: caseBody(others[i % others.length].id),
    }));
    process.stdout.write(
      `seeded ${county.length + 2} organisations, ${BACKGROUND_CASES} background cases; ${SECONDS} s per run at ${CONNECTIONS} connections\n`,
    );

    const baseline: CannonRequest = {
      method: 'POST',
      path: '/api/v1/bench/baseline',
      body: JSON.stringify({ code: 'bench' }),
    };
    await autocannon({
      url,
      connections: CONNECTIONS,
      duration: 5,
      requests: [
        { ...baseline, headers: { authorization: `Bearer ${staff.caseworker}`, 'content-type': 'application/json' } },
      ],
    });

    // Planner statistics as autovacuum would have them in a running service (this data is seconds old).
    await analyze(databaseUrl.toString());
    const created: string[] = [];
    const results: [string, Measured][] = [];
    results.push(['baseline: insert one row', await measure(staff.caseworker, baseline)]);
    results.push([
      'create case',
      await measure(staff.caseworker, {
        method: 'POST',
        path: '/api/v1/cases',
        body: JSON.stringify(caseBody(staff.organizationId)),
        onResponse: (status, body) => {
          const id = status === 201 ? /"id":"([0-9a-f-]{36})"/.exec(body)?.[1] : undefined;
          if (id) {
            created.push(id);
          }
        },
      }),
    ]);
    await analyze(databaseUrl.toString());
    // Step by step across cases, so concurrent completions mostly hit different cases.
    const completions = Array.from({ length: PARALLEL_STEPS }, (_, step) =>
      created.map((id) => `/api/v1/cases/${id}/steps/assess_${step + 1}/complete`),
    ).flat();
    let nextCompletion = 0;
    results.push([
      'complete step',
      await measure(staff.caseworker, {
        method: 'POST',
        body: JSON.stringify({ outcomeCode: 'assessed' }),
        setupRequest: (request) => ({ ...request, path: completions[nextCompletion++ % completions.length] }),
      }),
    ]);
    let nextRead = 0;
    results.push([
      'get case (audited read)',
      await measure(staff.manager, {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: `/api/v1/cases/${created[nextRead++ % created.length]}` }),
      }),
    ]);
    results.push([
      'list my open cases',
      await measure(staff.caseworker, { method: 'GET', path: '/api/v1/cases?status=open&limit=20' }),
    ]);
    results.push(['baseline again (drift)', await measure(staff.caseworker, baseline)]);

    const [, baselineRun] = results[0];
    process.stdout.write(
      `\n${created.length} cases created in the run; ${completions.length} completions available, ${nextCompletion} requested\n\n`,
    );
    process.stdout.write(
      '| run | req/s | p50 ms | p99 ms | non-2xx | errors | ratio to baseline | CPU ms/request (API + PostgreSQL) | of which PostgreSQL | ratio by CPU |\n' +
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n',
    );
    const percent = (value: number) => `${Math.round(value * 100)} %`;
    for (const [name, result] of results) {
      process.stdout.write(
        `| ${name} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${result.non2xx} | ${result.errors + result.timeouts} | ` +
          `${percent(result.requests.average / baselineRun.requests.average)} | ${result.cpuMsPerRequest.toFixed(2)} | ${result.databaseCpuMsPerRequest.toFixed(2)} | ` +
          `${percent(baselineRun.cpuMsPerRequest / result.cpuMsPerRequest)} |\n`,
      );
    }
  } finally {
    server?.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (KEEP_DATABASE) {
      process.stdout.write(`kept database ${database}\n`);
    } else {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
    await admin.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
