/**
 * Data-access cost: `npm run bench:data-access` (or `npm run build && node dist/bench/data-access.js`).
 *
 * What the typed query builder (Kysely over the request's EntityManager, src/database/query) costs against raw
 * `manager.query` on a hot path, in the same run, on a fresh database of its own (created on the server of
 * DATABASE_URL, default 127.0.0.1, and dropped afterwards):
 *   (a) the Node CPU of building, compiling and sending the statement of "get case" (case, participants and steps in
 *       one statement) to a runner that answers at once: as built here, with Kysely's CamelCasePlugin instead, and
 *       TypeORM's query builder (building only) for comparison;
 *   (b) "get case" end to end on the pool (CasesRepository.caseWithSteps against the same SQL text sent raw), and
 *       "lock the case" inside a transaction (a fresh EntityManager each time, so the builder is made per transaction).
 * Variants run in interleaved rounds, the median is reported, and every figure is also given as a ratio to raw.
 * Tunables: BENCH_CONNECTIONS (10), BENCH_SECONDS (3 per variant and round), BENCH_ROUNDS (3), BENCH_STATEMENTS (20000).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { CamelCasePlugin, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { CaseRef } from '../src/cases/case-ref';
import { CasesRepository } from '../src/cases/cases.repository';
import { CaseStep } from '../src/cases/entities/case-step.entity';
import { CollaborationCase } from '../src/cases/entities/collaboration-case.entity';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrations } from '../src/database/database.module';
import type { Database } from '../src/database/query/database';
import { EntityManagerConnectionProvider, EntityManagerDialect } from '../src/database/query/entity-manager-dialect';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 20_000);
const STEPS = 6;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function adminQuery(sql: string): Promise<void> {
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** One organisation, one user, a published routine of STEPS steps and one case of it with its steps. */
async function seed(dataSource: DataSource): Promise<{ caseId: string; organizationId: string }> {
  const [{ id: organizationId }] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO organization (name, type, municipality_code) VALUES ('Bench', 'social_services', '0180') RETURNING id`,
  );
  const [{ id: userId }] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO app_user (email, display_name, organization_id, roles, password_hash)
     VALUES ('bench@bench.local', 'Bench', $1, '{caseworker}', 'x') RETURNING id`,
    [organizationId],
  );
  const steps = Array.from({ length: STEPS }, (_, i) => ({
    key: `step-${i}`,
    title: `Step ${i}`,
    responsibleOrganizationType: 'social_services',
    dependsOn: i === 0 ? [] : [`step-${i - 1}`],
    dueAfter: 'P5D',
    dueFrom: 'dependencies_done',
    workingDays: true,
    remindBefore: null,
    escalateAfter: null,
    outcomeCodes: ['done'],
  }));
  const [{ id: routineId }] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO routine (owner_organization_id, latest_version) VALUES ($1, 1) RETURNING id`,
    [organizationId],
  );
  await dataSource.query(
    `INSERT INTO routine_version (routine_id, version, definition, checksum, published_by) VALUES ($1, 1, $2, 'x', $3)`,
    [routineId, JSON.stringify({ title: 'Bench', description: null, goals: [3], measures: [], steps }), userId],
  );
  const cases = new CasesRepository();
  const inserted = await cases.insertCase(dataSource.manager, {
    year: 2026,
    routineId,
    routineVersion: 1,
    openedAt: new Date(),
    openedBy: userId,
    openedByOrganizationId: organizationId,
    referenceHmac: null,
    referenceOrganizationId: null,
  });
  if (!inserted) {
    throw new Error('no case number');
  }
  await cases.insertParticipants(dataSource.manager, inserted.id, [organizationId]);
  await cases.insertSteps(
    dataSource.manager,
    steps.map((step, position) =>
      Object.assign(new CaseStep(), {
        caseId: inserted.id,
        key: step.key,
        position,
        title: step.title,
        ownerOrganizationId: organizationId,
        status: position === 0 ? 'active' : 'waiting',
        dependsOn: step.dependsOn,
        dueAfter: step.dueAfter,
        dueFrom: step.dueFrom,
        workingDays: true,
        remindBefore: null,
        escalateAfter: null,
        outcomeCodes: step.outcomeCodes,
        activatedAt: position === 0 ? new Date() : null,
        dueAt: position === 0 ? new Date(Date.now() + 86_400_000) : null,
        completedAt: null,
        completedBy: null,
        outcomeCode: null,
        reasonCode: null,
        note: null,
        metDeadline: null,
        conditions: [],
        assessmentMethods: [],
        assessmentMethod: null,
        assessmentLevel: null,
      }),
    ),
  );
  return { caseId: inserted.id, organizationId };
}

/** The SQL text and parameters CasesRepository.caseWithSteps sends, captured once: what "raw" sends every time. */
async function capturedStatement(
  run: (manager: EntityManager) => Promise<unknown>,
): Promise<{ sql: string; parameters: unknown[] }> {
  let captured: { sql: string; parameters: unknown[] } | undefined;
  const manager = {
    queryRunner: {
      query: (sql: string, parameters: unknown[]) => {
        captured = { sql, parameters };
        return Promise.resolve({ records: [], affected: 0 });
      },
    },
  } as unknown as EntityManager;
  await run(manager);
  if (!captured) {
    throw new Error('nothing captured');
  }
  return captured;
}

/** Operations per second of `op` run by CONNECTIONS concurrent loops for SECONDS, and Node's CPU µs per operation. */
async function throughput(op: () => Promise<unknown>): Promise<[number, number]> {
  const end = Date.now() + SECONDS * 1000;
  const cpu = process.cpuUsage();
  let done = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        await op();
        done++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return [done / SECONDS, (used.user + used.system) / done];
}

async function compare(title: string, variants: [string, () => Promise<unknown>][]): Promise<void> {
  const results = new Map<string, [number, number][]>(variants.map(([label]) => [label, []]));
  for (const [, op] of variants) {
    await op(); // warm-up: first plans, first builder
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, op] of variants) {
      results.get(label)?.push(await throughput(op));
    }
  }
  process.stdout.write(`${title}\n`);
  const rate = (label: string) => median((results.get(label) ?? []).map(([perSecond]) => perSecond));
  const cpu = (label: string) => median((results.get(label) ?? []).map(([, micros]) => micros));
  const base = rate(variants[0][0]);
  for (const [label] of variants) {
    process.stdout.write(
      `    ${label.padEnd(58)} ${fmt(rate(label)).padStart(7)} op/s  ratio to raw ${fmt(rate(label) / base, 2)}` +
        `   Node CPU ${fmt(cpu(label))} µs/op\n`,
    );
  }
}

async function nodeCost(title: string, variants: [string, () => unknown][]): Promise<void> {
  process.stdout.write(`${title}\n`);
  for (const [label, run] of variants) {
    for (let i = 0; i < 1000; i++) {
      await run();
    }
    const rounds: number[] = [];
    for (let round = 0; round < 5; round++) {
      const start = process.cpuUsage();
      for (let i = 0; i < STATEMENTS / 5; i++) {
        await run();
      }
      const used = process.cpuUsage(start);
      rounds.push((used.user + used.system) / (STATEMENTS / 5));
    }
    process.stdout.write(`    ${label.padEnd(62)} ${fmt(median(rounds), 1).padStart(7)} µs\n`);
  }
}

/** caseWithSteps' statement built through Kysely's CamelCasePlugin: the plugin this module's compiler replaces. */
const camelCaseDialect = {
  createAdapter: () => new PostgresAdapter(),
  createDriver: () => new EntityManagerDialect().createDriver(),
  createIntrospector: (kysely: Kysely<unknown>) => new PostgresIntrospector(kysely),
  createQueryCompiler: () => new PostgresQueryCompiler(),
};
const camelCaseBase = new Kysely<Database>({
  dialect: camelCaseDialect,
  plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
});
const camelCaseKysely = new Map<EntityManager, Kysely<Database>>();
function camelCaseGetCase(manager: EntityManager, caseId: string, organizationId: string) {
  let db = camelCaseKysely.get(manager);
  if (!db) {
    db = new Kysely<Database>({
      config: { dialect: camelCaseDialect },
      dialect: camelCaseDialect,
      driver: camelCaseDialect.createDriver(),
      executor: camelCaseBase.getExecutor().withConnectionProvider(new EntityManagerConnectionProvider(manager)),
    });
    camelCaseKysely.set(manager, db);
  }
  return db
    .selectFrom('collaboration_case as c')
    .innerJoin('case_step as s', 's.caseId', 'c.id')
    .selectAll('s')
    .select((eb) => [
      'c.id',
      'c.caseNumber',
      'c.routineId',
      'c.routineVersion',
      'c.status as caseStatus',
      'c.openedAt',
      'c.openedBy',
      'c.openedByOrganizationId',
      'c.closedAt',
      'c.closedBy',
      'c.closureCode',
      'c.referenceOrganizationId',
      sql<string[]>`array(${eb
        .selectFrom('case_participant as p')
        .select((sub) => sub.cast<string>('p.organizationId', 'text').as('organizationId'))
        .whereRef('p.caseId', '=', 'c.id')
        .orderBy(sql.lit(1))})`.as('participants'),
    ])
    .where('c.id', '=', caseId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_participant as v')
          .select(sql.lit(1).as('one'))
          .whereRef('v.caseId', '=', 'c.id')
          .where('v.organizationId', '=', organizationId),
      ),
    )
    .orderBy('s.position')
    .execute();
}

async function main(): Promise<void> {
  const name = `samverkan_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const options = dataSourceOptions({
    database: { mode: 'server', url: url.toString(), poolSize: CONNECTIONS, migrationsRun: true },
  });
  const dataSource = await new DataSource({ ...options, logging: false }).initialize();
  try {
    await runMigrations(dataSource);
    const { caseId, organizationId } = await seed(dataSource);
    const cases = new CasesRepository();
    const ref: CaseRef = { id: caseId };
    process.stdout.write(
      `Data-access benchmark on ${url.host}, database ${name}: ${CONNECTIONS} connections; ${ROUNDS} rounds of ` +
        `${SECONDS} s per variant, median reported; a case of ${STEPS} steps\n\n`,
    );

    const offline = () => {
      const manager = {
        queryRunner: { query: () => Promise.resolve({ records: [], affected: 0 }) },
      } as unknown as EntityManager;
      return manager;
    };
    const shared = offline();
    await nodeCost('(a) Node CPU per statement of "get case", no database (the runner answers at once)', [
      [
        'CasesRepository.caseWithSteps, builder reused (pool manager)',
        () => cases.caseWithSteps(shared, ref, organizationId),
      ],
      [
        'the same, a new builder each time (a transaction manager)',
        () => cases.caseWithSteps(offline(), ref, organizationId, true),
      ],
      [
        "the same statement with Kysely's CamelCasePlugin instead",
        () => camelCaseGetCase(shared, caseId, organizationId),
      ],
      [
        'TypeORM query builder, a similar statement (untyped raw rows)',
        () =>
          dataSource
            .createQueryBuilder(CollaborationCase, 'c')
            .innerJoin(CaseStep, 's', 's.case_id = c.id')
            .select(['s.*', 'c.id', 'c.case_number', 'c.status AS case_status', 'c.opened_at'])
            .where('c.id = :id', { id: caseId })
            .orderBy('s.position')
            .getQueryAndParameters(),
      ],
    ]);

    const read = await capturedStatement((manager) => cases.caseWithSteps(manager, ref, organizationId));
    const locked = await capturedStatement((manager) => cases.caseWithSteps(manager, ref, organizationId, true));
    process.stdout.write('\n(b) end to end on the pool\n');
    await compare('    get case (one statement: case, participants, steps)', [
      ['raw manager.query, same SQL text', () => dataSource.manager.query(read.sql, read.parameters)],
      ['CasesRepository.caseWithSteps (Kysely)', () => cases.caseWithSteps(dataSource.manager, ref, organizationId)],
    ]);
    await compare('    lock the case in a transaction (a new EntityManager each time)', [
      [
        'raw manager.query, same SQL text',
        () => dataSource.transaction((manager) => manager.query(locked.sql, locked.parameters)),
      ],
      [
        'CasesRepository.caseWithSteps(lock) (Kysely)',
        () => dataSource.transaction((manager) => cases.caseWithSteps(manager, ref, organizationId, true)),
      ],
    ]);
  } finally {
    await dataSource.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
