/**
 * Audit verification benchmark: `npm run bench:audit-verify` (or `npm run build && node dist/bench/audit-verify.js`).
 *
 * Verifies the whole chain of a seeded database (DATABASE_URL, default the hot-paths bench's 10,000-case county
 * `samverkan_bench_scale_10000`; seed one with `npm run seed:scale -- --cases N`) in interleaved rounds, with
 *   before: the walk as it was (keyset batches of ChainLink objects, each event's content canonicalised from them);
 *   after:  AuditService.verify as the CLI and the API run it.
 * Prints, per variant, the median events/s and the Node process's CPU time per event (process.cpuUsage, user +
 * system), and the PostgreSQL backend's (from /proc, on the same host): on a shared, loaded machine CPU time is
 * the steadier figure.
 * Tunables: BENCH_ROUNDS (3), BENCH_VARIANTS (before,after; e.g. `after` alone under `node --cpu-prof`).
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { DataSource, EntityManager } from 'typeorm';
import { ChainVerification, ChainVerifier } from '../src/audit/audit-chain';
import { inTrailSnapshot, readAuditEvents, readChainHead } from '../src/audit/audit-event.repository';
import { readRedactions } from '../src/audit/audit-redaction';
import { AuditService } from '../src/audit/audit.service';
import { dataSourceOptions } from '../src/database/data-source-options';

const URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/samverkan_bench_scale_10000';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const VARIANTS = (process.env.BENCH_VARIANTS ?? 'before,after').split(',');
const LEGACY_BATCH = 10_000;

/** The verifier's walk before this benchmark's changes: batches of ChainLink objects, the next one prefetched. */
async function verifyAsBefore(manager: EntityManager): Promise<ChainVerification> {
  const head = await readChainHead(manager);
  const verifier = new ChainVerifier(await readRedactions(manager, head.sequence));
  const batchAfter = (afterSequence: number) =>
    readAuditEvents(manager, { visibility: { everything: true }, filter: {}, afterSequence }, LEGACY_BATCH);
  let next = batchAfter(0);
  for (;;) {
    const links = await next;
    const more = links.length === LEGACY_BATCH;
    if (more) {
      next = batchAfter(links[links.length - 1].sequence);
    }
    for (const link of links) {
      verifier.accept(link);
    }
    if (!more) {
      return verifier.finish(head);
    }
  }
}

interface Measurement {
  events: number;
  eventsPerSecond: number;
  cpuMicrosPerEvent: number;
  databaseCpuMicrosPerEvent: number;
}

/** User + system CPU of a process of this host in µs (/proc/PID/stat, clock ticks of 10 ms); 0 where unreadable. */
function processCpuMicros(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return 0;
  }
}

async function measure(verify: () => Promise<ChainVerification>, backendPid: number): Promise<Measurement> {
  const backendCpu = processCpuMicros(backendPid);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await verify();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  if (!result.valid) {
    throw new Error(`the chain does not verify: first invalid sequence ${result.firstInvalidSequence}`);
  }
  return {
    events: result.checked,
    eventsPerSecond: result.checked / seconds,
    cpuMicrosPerEvent: (used.user + used.system) / result.checked,
    databaseCpuMicrosPerEvent: (processCpuMicros(backendPid) - backendCpu) / result.checked,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const dataSource = await new DataSource(
    dataSourceOptions({ database: { url: URL, mode: 'server', poolSize: 1 } } as Parameters<
      typeof dataSourceOptions
    >[0]),
  ).initialize();
  try {
    const audit = new AuditService(dataSource);
    // One connection, so every walk runs in this backend.
    const [{ pid }] = await dataSource.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
    const all: Record<string, () => Promise<ChainVerification>> = {
      before: () => inTrailSnapshot(dataSource, verifyAsBefore),
      after: () => audit.verify(),
    };
    const variants = Object.entries(all).filter(([name]) => VARIANTS.includes(name));
    const results = Object.fromEntries(variants.map(([name]) => [name, [] as Measurement[]]));
    // One unmeasured walk each warms PostgreSQL's cache and V8's code.
    for (const [, verify] of variants) {
      await verify();
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, verify] of variants) {
        results[name].push(await measure(verify, pid));
      }
    }
    for (const [name, runs] of Object.entries(results)) {
      process.stdout.write(
        `${name.padEnd(6)} ${runs[0].events} events: ${median(runs.map((r) => r.eventsPerSecond)).toFixed(0)} events/s, ` +
          `${median(runs.map((r) => r.cpuMicrosPerEvent)).toFixed(2)} µs Node CPU + ` +
          `${median(runs.map((r) => r.databaseCpuMicrosPerEvent)).toFixed(2)} µs PostgreSQL CPU per event (median of ${ROUNDS}; ` +
          `rounds ${runs.map((r) => r.eventsPerSecond.toFixed(0)).join(', ')} events/s)\n`,
      );
    }
  } finally {
    await dataSource.destroy();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
