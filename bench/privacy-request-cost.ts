/**
 * What an adversarial value costs the API: `npm run build && node dist/bench/privacy-request-cost.js`.
 *
 * Boots the API in this process on a fresh database of its own (dropped afterwards), with a 2 MiB body limit so a
 * 1 MiB note is read and refused by validation rather than by the body limit. Prints:
 * (a) CPU time per request (this process: the server and the client that sends) for a 1 MiB value of each
 *     adversarial pattern, against a 1 MiB value of plain letters in the same run (both refused by the length
 *     check; a ratio near 1.0 means the detector never ran) and against a small request refused for personal data;
 * (b) the latency of GET /health/live, alone and while four such requests run in parallel, back to back.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createApp } from '../src/bootstrap/create-app';
import type { AppConfig } from '../src/config/app-config';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ADMIN = { email: 'bench-admin@bench.samverkan.local', password: 'bench-admin-password-0123' };
const MIB = 1024 * 1024;

const ADVERSARIAL: Record<string, string> = {
  '"(0" repeated': '(0',
  '"1-" repeated': '1-',
  '"0 " repeated': '0 ',
  'digits only': '7',
  '"a@" repeated': 'a@',
  '"%" repeated': '%',
  'digit + U+034F repeated': '1\u034f',
};

function config(url: string): AppConfig {
  return {
    env: 'production',
    role: 'api',
    http: { port: 0, host: '127.0.0.1', bodyLimit: 2 * MIB, corsOrigins: [], trustedProxyHops: 0 },
    database: { mode: 'server', url, poolSize: 10, migrationsRun: true },
    queue: { backend: 'redis', redisUrl: REDIS_URL, prefix: `bench-privacy-${randomBytes(3).toString('hex')}` },
    auth: {
      jwtSecret: randomBytes(32).toString('hex'),
      jwtExpiresInSeconds: 3600,
      loginMaxFailures: 5,
      loginMaxFailuresPerAddress: 1000,
      loginWindowSeconds: 900,
    },
    referenceHmacKey: randomBytes(32).toString('hex'),
    bootstrapAdmin: ADMIN,
    logLevel: 'silent',
    webhookAllowPrivateNetworks: false,
    workerShutdownGraceSeconds: 5,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
const fixed = (value: number, digits = 1) => value.toFixed(digits).padStart(8);

/** A body of about 1 MiB whose `name` is `unit` repeated. */
const organizationBody = (unit: string) =>
  JSON.stringify({
    name: unit.repeat(Math.ceil(MIB / unit.length)).slice(0, MIB),
    type: 'police',
    municipalityCode: '0180',
  });

async function main(): Promise<void> {
  const database = `samverkan_bench_privacy_${Date.now()}`;
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  const app = await createApp(config(url.toString()));
  try {
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const post = async (body: string): Promise<number> => {
      const response = await fetch(`${base}/api/v1/organizations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body,
      });
      await response.arrayBuffer();
      return response.status;
    };
    const cpuMs = async (body: string): Promise<{ ms: number; status: number }> => {
      const samples: number[] = [];
      let status = 0;
      for (let i = 0; i < ROUNDS + 3; i++) {
        const before = process.cpuUsage();
        status = await post(body);
        const used = process.cpuUsage(before);
        if (i >= 3) {
          samples.push((used.user + used.system) / 1000);
        }
      }
      return { ms: median(samples), status };
    };

    console.log(`(a) CPU per request, median of ${ROUNDS} (server and client in this process)`);
    const small = await cpuMs(
      JSON.stringify({ name: 'Enhet, kontakt 19811228-9874', type: 'police', municipalityCode: '0180' }),
    );
    const plain = await cpuMs(organizationBody('a'));
    console.log(
      `  ${'small value with an identity number'.padEnd(40)} ${fixed(small.ms, 2)} ms  status ${small.status}`,
    );
    console.log(
      `  ${'1 MiB of letters (baseline)'.padEnd(40)} ${fixed(plain.ms, 2)} ms  status ${plain.status}  1.00 x`,
    );
    for (const [name, unit] of Object.entries(ADVERSARIAL)) {
      const measured = await cpuMs(organizationBody(unit));
      console.log(
        `  ${`1 MiB of ${name}`.padEnd(40)} ${fixed(measured.ms, 2)} ms  status ${measured.status}  ${(measured.ms / plain.ms).toFixed(2)} x`,
      );
    }

    const probe = async (seconds: number): Promise<number[]> => {
      const latencies: number[] = [];
      const end = performance.now() + seconds * 1000;
      while (performance.now() < end) {
        const started = performance.now();
        await (await fetch(`${base}/health/live`)).arrayBuffer();
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return latencies;
    };
    const describe = (latencies: number[]) =>
      `p50 ${fixed(median(latencies))} ms  p99 ${fixed(percentile(latencies, 0.99))} ms  max ${fixed(Math.max(...latencies))} ms  (${latencies.length} probes)`;
    console.log(`(b) GET /health/live latency, ${LOAD_SECONDS} s each`);
    const idle = await probe(LOAD_SECONDS);
    console.log(`  alone                                    ${describe(idle)}`);
    let loading = true;
    const attacker = async () => {
      while (loading) {
        await post(organizationBody('(0'));
      }
    };
    const attackers = [attacker(), attacker(), attacker(), attacker()];
    const loaded = await probe(LOAD_SECONDS);
    loading = false;
    await Promise.all(attackers);
    console.log(`  4 x 1 MiB "(0" in parallel               ${describe(loaded)}`);
    console.log(
      `  delay added: p99 ${fixed(percentile(loaded, 0.99) - percentile(idle, 0.99))} ms, max ${fixed(Math.max(...loaded) - Math.max(...idle))} ms`,
    );
  } finally {
    await app.close();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
