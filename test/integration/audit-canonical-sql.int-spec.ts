import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import type { AuditContent } from '../../src/audit/audit-chain';
import { readAuditEvents, readCanonicalLinks } from '../../src/audit/audit-event.repository';
import { dataSourceOptions } from '../../src/database/data-source-options';

const ZERO_HASH = Buffer.alloc(32);

// Strings as PostgreSQL text holds them (no NUL; well-formed UTF-16), biased towards what JSON escapes.
const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0001', '\u001f', '\u007f', '\u2028', '\u2029'),
    fc.constantFrom('é', 'Å', '😀', '\ufeff', '\uffff'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 30,
});
const nullable = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: null });

const contentArbitrary: fc.Arbitrary<AuditContent> = fc.record({
  occurredAt: fc
    .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  action: text,
  actor: fc.record({
    type: fc.constantFrom('user' as const, 'client' as const, 'system' as const),
    userId: nullable(fc.uuid()),
    organizationId: nullable(fc.uuid()),
  }),
  entity: fc.record({ type: text, id: text }),
  organizationIds: fc.array(fc.uuid(), { maxLength: 4 }),
  requestId: nullable(text),
  accessReason: nullable(text),
  data: fc.dictionary(text, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
});

/**
 * The verifier reads each event's content with its canonical text around `data` written by PostgreSQL (to_json):
 * for any content the database can hold, that text must be exactly what the RFC 8785 library gives for the content
 * as the trail's reader returns it, or verification would call an intact event tampered (and hash other bytes).
 */
describe('audit verification: the canonical content written in SQL', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    const url = process.env.SAMVERKAN_TEST_DATABASE_URL as string;
    const options = dataSourceOptions({ database: { mode: 'server', url, poolSize: 1, migrationsRun: false } });
    dataSource = await new DataSource(options).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('equals the library canonicalisation of the event as read back, for any content', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      // A temporary audit_event shadows the trail for this transaction (pg_temp is searched first): any content, no triggers.
      await runner.query(`CREATE TEMP TABLE audit_event (LIKE public.audit_event INCLUDING ALL) ON COMMIT DROP`);
      await fc.assert(
        fc.asyncProperty(fc.array(contentArbitrary, { minLength: 1, maxLength: 20 }), async (contents) => {
          await runner.query(`SAVEPOINT run`);
          try {
            await insert(contents);
            const read = await readAuditEvents(
              runner.manager,
              { visibility: { everything: true }, filter: {}, afterSequence: 0 },
              contents.length,
            );
            const canonical = await readCanonicalLinks(runner.manager, 0, contents.length);
            expect(canonical.map((link) => link.canonicalContent)).toEqual(
              read.map((link) => canonicalize(link.content)),
            );
          } finally {
            await runner.query(`ROLLBACK TO SAVEPOINT run`);
          }
        }),
        { numRuns: 60 },
      );
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }

    async function insert(contents: AuditContent[]) {
      await runner.query(
        `INSERT INTO audit_event (sequence, occurred_at, action, actor_type, actor_user_id, actor_organization_id, entity_type,
                                      entity_id, organization_ids, request_id, access_reason, data, content_hash, prev_hash, hash)
             SELECT sequence, occurred_at, action, actor_type, actor_user_id, actor_organization_id, entity_type, entity_id,
                    organization_ids::uuid[], request_id, access_reason, data, content_hash, prev_hash, hash
               FROM unnest($1::bigint[], $2::timestamptz[], $3::varchar[], $4::varchar[], $5::uuid[], $6::uuid[], $7::varchar[],
                                  $8::varchar[], $9::text[], $10::varchar[], $11::varchar[], $12::jsonb[], $13::bytea[], $13::bytea[], $13::bytea[])
                 AS e(sequence, occurred_at, action, actor_type, actor_user_id, actor_organization_id, entity_type, entity_id,
                      organization_ids, request_id, access_reason, data, content_hash, prev_hash, hash)`,
        [
          contents.map((_, i) => i + 1),
          contents.map((c) => c.occurredAt),
          contents.map((c) => c.action),
          contents.map((c) => c.actor.type),
          contents.map((c) => c.actor.userId),
          contents.map((c) => c.actor.organizationId),
          contents.map((c) => c.entity.type),
          contents.map((c) => c.entity.id),
          contents.map((c) => `{${c.organizationIds.join(',')}}`),
          contents.map((c) => c.requestId),
          contents.map((c) => c.accessReason),
          contents.map((c) => JSON.stringify(c.data)),
          contents.map(() => ZERO_HASH),
        ],
      );
    }
  });
});
