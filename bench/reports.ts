/**
 * Follow-up report cost at two sizes: `npm run bench:reports` (or `npm run build && node dist/bench/reports.js`).
 *
 * In one run, two fresh databases (created on the server of DATABASE_URL, default 127.0.0.1, dropped afterwards)
 * are filled by seed:scale with BENCH_SMALL_CASES (10,000) and BENCH_LARGE_CASES (1,000,000) cases over the three
 * years before now, analysed, and then asked the same reports over the last full Stockholm calendar year, as an
 * admin sees them (every case): the total alone, grouped by goal and month, and by organisation and step; the
 * overdue view of the busiest organisation. Each report runs BENCH_ROUNDS (5) times after one warm-up; the median
 * is printed with the ratio large / small, the figure the issue bounds at 3 ×.
 * The report is measured in the service (queries, suppression, labels), without HTTP and the audit append, which
 * cost the same at any size.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditService } from '../src/audit/audit.service';
import { seedScale } from '../src/cli/seed-scale';
import type { AppConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrations } from '../src/database/database.module';
import type { FollowUpDimension } from '../src/reports/follow-up-dimensions';
import { FollowUpRepository } from '../src/reports/follow-up.repository';
import { FollowUpService } from '../src/reports/follow-up.service';
import { OverdueRepository } from '../src/reports/overdue.repository';
import { yearPeriod } from '../src/reports/report-period';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SIZES = [Number(process.env.BENCH_SMALL_CASES ?? 10_000), Number(process.env.BENCH_LARGE_CASES ?? 1_000_000)];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const GROUPINGS: { label: string; groupBy: FollowUpDimension[] }[] = [
  { label: 'one year, total only', groupBy: [] },
  { label: 'one year by goal and month', groupBy: ['goal', 'month'] },
  { label: 'one year by organisation and step', groupBy: ['organization', 'step'] },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function adminQuery(sql: string): Promise<void> {
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

/** Milliseconds per report at one size, in GROUPINGS order, then the overdue view. */
async function measure(cases: number): Promise<{ seeded: string; times: number[] }> {
  const name = `samverkan_bench_reports_${randomBytes(4).toString('hex')}`;
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const options = dataSourceOptions({
    database: { mode: 'server', url: url.toString(), poolSize: 10, migrationsRun: true },
  });
  const dataSource = await new DataSource({ ...options, logging: false }).initialize();
  try {
    await runMigrations(dataSource);
    const seeded = await seedScale(dataSource, {
      cases,
      password: 'bench-reports-password',
      progress: (line) => process.stdout.write(`    ${line}\n`),
    });
    await dataSource.query('ANALYZE');
    const service = new FollowUpService(new FollowUpRepository(dataSource), new AuditService(dataSource), {
      reports: { minCount: 5 },
    } as AppConfig);
    const period = yearPeriod(new Date().getFullYear() - 1);
    const times: number[] = [];
    for (const { groupBy } of GROUPINGS) {
      times.push(await timed(() => service.table({ period, groupBy, filters: {}, scope: { kind: 'all' } })));
    }
    const overdue = new OverdueRepository(dataSource);
    const busiest = seeded.busiestOrganizationId as string;
    times.push(await timed(() => overdue.overdueGroups(busiest, new Date())));
    return { seeded: `${fmt(seeded.cases)} cases, ${fmt(seeded.steps)} steps in ${fmt(seeded.seconds, 0)} s`, times };
  } finally {
    await dataSource.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

async function main(): Promise<void> {
  process.stdout.write(
    `Follow-up reports at ${SIZES.map((size) => fmt(size)).join(' and ')} cases; median of ${ROUNDS}\n`,
  );
  const results: { seeded: string; times: number[] }[] = [];
  for (const size of SIZES) {
    process.stdout.write(`  seeding ${fmt(size)} cases\n`);
    const result = await measure(size);
    process.stdout.write(`  seeded: ${result.seeded}\n`);
    results.push(result);
  }
  const labels = [...GROUPINGS.map((grouping) => grouping.label), 'overdue view, busiest organisation'];
  process.stdout.write(
    `\n  ${'report'.padEnd(40)} ${SIZES.map((size) => `${fmt(size)} cases`.padStart(16)).join(' ')}   ratio\n`,
  );
  labels.forEach((label, index) => {
    const [small, large] = results.map((result) => result.times[index]);
    process.stdout.write(
      `  ${label.padEnd(40)} ${[small, large].map((ms) => `${fmt(ms, 1)} ms`.padStart(16)).join(' ')}   ${fmt(large / small, 1)} ×\n`,
    );
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
