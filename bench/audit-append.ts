/**
 * Audit trail benchmark: `npm run bench:audit` (or `npm run build && node dist/bench/audit-append.js`).
 *
 * Against a fresh database of its own (created on the server of DATABASE_URL, default 127.0.0.1, and dropped
 * afterwards) it measures
 *   (a) throughput of 50 concurrent writers, each running "insert one row + audit append" transactions, against
 *       the same transaction without the append, and against an append that reads the head, hashes in Node and
 *       writes back while holding the chain lock;
 *   (b) verification speed over one million events, generated with batched inserts under the same hash rules.
 * The throughput variants run in interleaved rounds and the median is reported, since shared machines are noisy.
 *   (c) transactions that each audit BENCH_BATCH (100) changes, as a reminder-delivery batch does: one append per
 *       event against AuditService.appendMany (the chain lock taken once per transaction).
 * Tunables: BENCH_WRITERS (50), BENCH_SECONDS (5 per variant and round), BENCH_ROUNDS (3), BENCH_EVENTS (1000000), BENCH_BATCH (100).
 */
import 'reflect-metadata';
import canonicalize from 'canonicalize';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContent, chainHash, contentHash } from '../src/audit/audit-chain';
import type { AuditAction } from '../src/audit/audit-actions';
import { AuditEntry, AuditService } from '../src/audit/audit.service';
import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import type { RequestContext } from '../src/common/auth/request-context';
import { Role } from '../src/common/auth/role';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrations } from '../src/database/database.module';
import { OrganizationType } from '../src/organizations/organization-type';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const WRITERS = Number(process.env.BENCH_WRITERS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const WARM_UP_SECONDS = 2;
const INSERT_BATCH = 5000;

interface GeneratedEvent {
  sequence: number;
  content: AuditContent;
  contentHash: Buffer;
  prevHash: Buffer;
  hash: Buffer;
}

/** Audits a transaction's entries; `null` variants audit nothing (the baseline). */
type Variant = (manager: EntityManager, actor: RequestContext, entries: AuditEntry[]) => Promise<void>;

const oneByOne =
  (append: (manager: EntityManager, actor: RequestContext, entry: AuditEntry) => Promise<void>): Variant =>
  async (manager, actor, entries) => {
    for (const entry of entries) {
      await append(manager, actor, entry);
    }
  };

const ORGANIZATIONS = Array.from({ length: 50 }, () => randomUUID());
const USERS = Array.from({ length: 200 }, () => randomUUID());
const ACTIONS: AuditAction[] = [
  'case.step.completed',
  'case.viewed',
  'routine.published',
  'organization.updated',
  'user.created',
  'reminder.sent',
];

function actorFor(i: number): RequestContext {
  const organizationId = ORGANIZATIONS[i % ORGANIZATIONS.length];
  return {
    user: {
      id: USERS[i % USERS.length],
      organizationId,
      organizationType: OrganizationType.SocialServices,
      roles: [Role.Caseworker],
    },
    requestId: randomUUID(),
  };
}

/** The design not taken: read the head under its lock, hash in Node, write back: three round trips inside the lock. */
async function appendHashingInNode(manager: EntityManager, actor: RequestContext, entry: AuditEntry): Promise<void> {
  const content: AuditContent = {
    occurredAt: new Date().toISOString(),
    action: entry.action,
    actor: { type: 'user', userId: actor.user.id, organizationId: actor.user.organizationId },
    entity: entry.entity,
    organizationIds: [actor.user.organizationId],
    requestId: actor.requestId,
    accessReason: null,
    data: entry.data ?? {},
  };
  const hashOfContent = contentHash(content);
  const [head] = await manager.query<
    {
      sequence: string;
      hash: Buffer;
    }[]
  >(`SELECT sequence, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE`);
  const sequence = Number(head.sequence) + 1;
  const hash = chainHash(head.hash, hashOfContent);
  await manager.query(`UPDATE audit_chain_head SET sequence = $1, prev_hash = $2, hash = $3 WHERE id = 1`, [
    sequence,
    head.hash,
    hash,
  ]);
  await manager.query(
    `INSERT INTO audit_event (sequence, occurred_at, action, actor_type, actor_user_id, actor_organization_id, entity_type, entity_id,
                              organization_ids, request_id, access_reason, data, content_hash, prev_hash, hash)
     VALUES ($1, $2, $3, 'user', $4, $5, $6, $7, $8::uuid[], $9, NULL, $10::jsonb, $11, $12, $13)`,
    [
      sequence,
      content.occurredAt,
      content.action,
      content.actor.userId,
      content.actor.organizationId,
      content.entity.type,
      content.entity.id,
      content.organizationIds,
      content.requestId,
      JSON.stringify(content.data),
      hashOfContent,
      head.hash,
      hash,
    ],
  );
}

/** 50 writers, each looping "insert `perTransaction` rows (+ their audit events) and commit"; returns committed rows/s. */
async function throughput(dataSource: DataSource, append: Variant | null, perTransaction = 1): Promise<number> {
  let measuring = false;
  let stop = false;
  let committed = 0;
  const writer = async (w: number) => {
    for (let i = 0; !stop; i += 1) {
      await dataSource.transaction(async (manager) => {
        const rows = await manager.query<
          {
            id: string;
          }[]
        >(`INSERT INTO bench_item (writer, value) SELECT $1, $2 FROM generate_series(1, $3) RETURNING id`, [
          w,
          i,
          perTransaction,
        ]);
        const entries = rows.map(({ id }, n) => ({
          action: ACTIONS[(i + n) % ACTIONS.length],
          entity: { type: 'bench_item', id },
          data: { writer: w, value: i },
        }));
        if (append) {
          await append(manager, actorFor(w), entries);
        }
      });
      if (measuring) {
        committed += perTransaction;
      }
    }
  };
  const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
  await sleep(WARM_UP_SECONDS * 1000);
  measuring = true;
  const started = process.hrtime.bigint();
  await sleep(SECONDS * 1000);
  measuring = false;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  stop = true;
  await Promise.all(writers);
  return committed / elapsed;
}

/** Runs the variants in interleaved rounds and prints each one's median rate and its ratio to the first (the baseline). */
async function compare(
  dataSource: DataSource,
  variants: [string, Variant | null][],
  perTransaction: number,
  unit: string,
): Promise<void> {
  const rates: number[][] = variants.map(() => []);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [i, [, append]] of variants.entries()) {
      rates[i].push(await throughput(dataSource, append, perTransaction));
    }
  }
  const medians = rates.map(median);
  for (const [i, [label]] of variants.entries()) {
    const runs = rates[i].map((rate) => fmt(rate)).join(' / ');
    process.stdout.write(
      `    ${label.padEnd(58)} ${fmt(medians[i]).padStart(7)} ${unit}  ${fmt(medians[i] / medians[0], 2)} x baseline  (runs: ${runs})\n`,
    );
  }
}

/** Appends synthetic events up to `total`, hashed in Node under the same rules, in multi-row inserts. */
async function generateEvents(dataSource: DataSource, total: number): Promise<void> {
  const [head] = await dataSource.query<
    {
      sequence: string;
      hash: Buffer;
    }[]
  >(`SELECT sequence, hash FROM audit_chain_head WHERE id = 1`);
  let sequence = Number(head.sequence);
  let prevHash = head.hash;
  const start = Date.parse('2026-01-01T00:00:00Z');
  let links: GeneratedEvent[] = [];
  while (sequence < total) {
    links = [];
    for (let n = 0; n < INSERT_BATCH && sequence < total; n += 1) {
      sequence += 1;
      const organizationId = ORGANIZATIONS[sequence % ORGANIZATIONS.length];
      const content: AuditContent = {
        occurredAt: new Date(start + sequence * 1000).toISOString(),
        action: ACTIONS[sequence % ACTIONS.length],
        actor: { type: 'user', userId: USERS[sequence % USERS.length], organizationId },
        entity: { type: 'case', id: randomUUID() },
        organizationIds: [organizationId, ORGANIZATIONS[(sequence * 7) % ORGANIZATIONS.length]].sort(),
        requestId: randomUUID(),
        accessReason: sequence % 10 === 0 ? 'uppfoljning_enligt_rutin' : null,
        data: { stepKey: `step_${sequence % 12}`, outcome: 'completed', version: sequence % 5 },
      };
      const hashOfContent = contentHash(content);
      const hash = chainHash(prevHash, hashOfContent);
      links.push({ sequence, content, contentHash: hashOfContent, prevHash, hash });
      prevHash = hash;
    }
    await insertLinks(dataSource, links);
  }
  const last = links[links.length - 1];
  if (last) {
    await dataSource.query(`UPDATE audit_chain_head SET sequence = $1, prev_hash = $2, hash = $3 WHERE id = 1`, [
      last.sequence,
      last.prevHash,
      last.hash,
    ]);
  }
  // What autovacuum would do on a live database; without statistics the planner sorts instead of using the key.
  await dataSource.query(`ANALYZE audit_event`);
}

async function insertLinks(dataSource: DataSource, links: GeneratedEvent[]): Promise<void> {
  const column = <T>(pick: (link: GeneratedEvent) => T) => links.map(pick);
  await dataSource.query(
    `INSERT INTO audit_event (sequence, occurred_at, action, actor_type, actor_user_id, actor_organization_id, entity_type, entity_id,
                              organization_ids, request_id, access_reason, data, content_hash, prev_hash, hash)
     SELECT s, o, a, 'user', u, ao, et, ei, string_to_array(oi, ',')::uuid[], r, ar, d, ch, ph, h
       FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[],
                   $10::text[], $11::jsonb[], $12::bytea[], $13::bytea[], $14::bytea[])
         AS t(s, o, a, u, ao, et, ei, oi, r, ar, d, ch, ph, h)`,
    [
      column((l) => l.sequence),
      column((l) => l.content.occurredAt),
      column((l) => l.content.action),
      column((l) => l.content.actor.userId),
      column((l) => l.content.actor.organizationId),
      column((l) => l.content.entity.type),
      column((l) => l.content.entity.id),
      column((l) => l.content.organizationIds.join(',')),
      column((l) => l.content.requestId),
      column((l) => l.content.accessReason),
      column((l) => JSON.stringify(l.content.data)),
      column((l) => l.contentHash),
      column((l) => l.prevHash),
      column((l) => l.hash),
    ],
  );
}

/**
 * The verifier as it was before this benchmark, for comparison: TypeORM entities hydrated per row, the general
 * canonicaliser and Buffer hashes, over events 1 to `events`.
 */
async function verifyAsBefore(dataSource: DataSource, events: number, batchSize = 5000): Promise<boolean> {
  const sha256 = (...parts: (string | Buffer)[]) =>
    parts.reduce((hash, part) => hash.update(part), createHash('sha256')).digest();
  let previous: Buffer = Buffer.alloc(32);
  let valid = true;
  for (let after = 0; after < events;) {
    const rows = await dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.sequence > :after AND e.sequence <= :through', { after, through: events })
      .orderBy('e.sequence', 'ASC')
      .limit(batchSize)
      .getMany();
    for (const row of rows) {
      const content: AuditContent = {
        occurredAt: row.occurredAt.toISOString(),
        action: row.action,
        actor: { type: row.actorType, userId: row.actorUserId, organizationId: row.actorOrganizationId },
        entity: { type: row.entityType, id: row.entityId },
        organizationIds: row.organizationIds,
        requestId: row.requestId,
        accessReason: row.accessReason,
        data: row.data,
      };
      valid &&=
        row.prevHash.equals(previous) &&
        row.contentHash.equals(sha256(canonicalize(content) ?? '')) &&
        row.hash.equals(sha256(row.prevHash, row.contentHash));
      previous = row.hash;
    }
    if (rows.length < batchSize) {
      break;
    }
    after = Number(rows[rows.length - 1].sequence);
  }
  return valid;
}

/** Wall-clock seconds, and the seconds of CPU this Node process spent (steadier on a shared machine). */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; cpuSeconds: number }> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return {
    result,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
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

async function main(): Promise<void> {
  const name = `samverkan_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const options = dataSourceOptions({
    database: { mode: 'server', url: url.toString(), poolSize: WRITERS, migrationsRun: true },
  });
  const dataSource = await new DataSource({ ...options, logging: false }).initialize();
  try {
    await runMigrations(dataSource);
    await dataSource.query(
      `CREATE TABLE bench_item (id bigserial PRIMARY KEY, writer int NOT NULL, value int NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    );
    const audit = new AuditService(dataSource);
    process.stdout.write(
      `Audit benchmark on ${url.host}, database ${name}: ${WRITERS} writers; ${ROUNDS} rounds of ${SECONDS} s per variant ` +
        `(after ${WARM_UP_SECONDS} s warm-up each), median reported\n\n`,
    );
    process.stdout.write('(a) append throughput, "insert one row (+ audit append) and commit" transactions\n');
    await compare(
      dataSource,
      [
        ['baseline, no audit append', null],
        [
          '+ audit append, one statement (the design)',
          oneByOne((manager, actor, entry) => audit.append(manager, actor, entry)),
        ],
        ['+ audit append, head read + hash in Node under the lock', oneByOne(appendHashingInNode)],
      ],
      1,
      'tx/s',
    );
    const afterWriters = await audit.verify();
    process.stdout.write(
      `    chain after ${fmt(afterWriters.checked)} concurrent appends: ${afterWriters.valid ? 'valid' : 'INVALID'}\n\n`,
    );

    const generation = await timed(() => generateEvents(dataSource, EVENTS));
    process.stdout.write(
      `(b) verification over ${fmt(EVENTS)} events (generated and inserted in ${fmt(generation.seconds, 1)} s)\n`,
    );
    const raw = await timed(() => audit.verify());
    const before = await timed(() => verifyAsBefore(dataSource, EVENTS));
    for (const [label, run, valid] of [
      ['AuditService.verify: raw keyset batches, text columns, prefetch', raw, raw.result.valid],
      ['the verifier before: TypeORM entities, generic canonicaliser', before, before.result],
    ] as const) {
      process.stdout.write(
        `    ${label.padEnd(64)} ${fmt(run.seconds, 1).padStart(6)} s  ${fmt(EVENTS / run.seconds).padStart(7)} events/s  ` +
          `Node CPU ${fmt(run.cpuSeconds, 1)} s  valid: ${valid}\n`,
      );
    }
    process.stdout.write(`    heap after both: ${fmt(process.memoryUsage().heapUsed / 2 ** 20)} MiB\n`);

    process.stdout.write(
      `\n(c) transactions of ${BATCH} changes, each audited: "insert ${BATCH} rows (+ ${BATCH} audit events) and commit"\n`,
    );
    await compare(
      dataSource,
      [
        ['baseline, no audit append', null],
        [`+ ${BATCH} x AuditService.append`, oneByOne((manager, actor, entry) => audit.append(manager, actor, entry))],
        [
          `+ AuditService.appendMany of ${BATCH}`,
          (manager, actor, entries) => audit.appendMany(manager, actor, entries),
        ],
      ],
      BATCH,
      'events/s',
    );
    const afterBatches = await audit.verify();
    process.stdout.write(
      `    chain after ${fmt(afterBatches.checked)} appends: ${afterBatches.valid ? 'valid' : 'INVALID'}\n`,
    );
  } finally {
    await dataSource.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
