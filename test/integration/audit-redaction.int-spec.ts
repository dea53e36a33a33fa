import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '../../src/audit/audit.service';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { REDACTION_MARKER, scalarAt, scalarsOf } from '../../src/erasure/value-paths';
import { verifyAfterTampering } from '../support/audit-support';
import { uniqueSuffix } from '../support/test-app';

/**
 * The database side of redaction: `erasure_redact_jsonb` resolves paths exactly as the scan writes them, and the
 * trail's triggers let through nothing but what `audit_redact_event` does — and what goes around it, verification
 * catches. Changes to the shared database happen in transactions that are rolled back.
 */
describe('audit redaction in the database', () => {
  let dataSource: DataSource;
  let audit: AuditService;
  let sequence: number;

  /** Runs `work` in a transaction that is always rolled back; answers what it returned or the error it raised. */
  async function rolledBack<T>(
    work: (query: (sql: string, parameters?: unknown[]) => Promise<unknown>, manager: EntityManager) => Promise<T>,
  ): Promise<T | Error> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      return await work((sql, parameters) => runner.query(sql, parameters), runner.manager);
    } catch (error) {
      return error as Error;
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  beforeAll(async () => {
    const url = process.env.SAMVERKAN_TEST_DATABASE_URL as string;
    dataSource = await new DataSource({
      ...dataSourceOptions({ database: { mode: 'server', url, poolSize: 2, migrationsRun: false } }),
      logging: false,
    }).initialize();
    audit = new AuditService(dataSource);
    const requestId = `redaction-${uniqueSuffix()}`;
    await audit.record(
      { ...SYSTEM_ACTOR, requestId },
      { action: 'audit_test.appended', entity: { type: 'audit_test', id: 'x' }, data: { note: 'leak', n: 1 } },
    );
    [{ sequence }] = (
      await dataSource.query<
        {
          sequence: string;
        }[]
      >(`SELECT sequence FROM audit_event WHERE request_id = $1`, [requestId])
    ).map((r) => ({
      sequence: Number(r.sequence),
    }));
  });
  afterAll(() => dataSource.destroy());

  it('erasure_redact_jsonb finds what the scan names: every key and leaf, integer-like keys and positions included', async () => {
    const doc = { '10': 'ten', '9': ['nine', 9], bb: { c: 'see' }, a: 'a' };
    for (const { path, target } of scalarsOf(doc, () => true)) {
      const [{ redacted }] = await dataSource.query<{ redacted: unknown }[]>(
        `SELECT erasure_redact_jsonb($1::jsonb, $2::jsonb, $3) AS redacted`,
        [JSON.stringify(doc), JSON.stringify(path), target],
      );
      if (target === 'value') {
        expect(scalarAt(redacted, path, 'value')).toBe(REDACTION_MARKER);
      } else {
        // The key the path names is renamed to the marker (only the last object's keys change, so the parent path holds).
        const parent = path.slice(0, -1);
        expect(scalarAt(redacted, [...parent, REDACTION_MARKER], 'key')).toBe(REDACTION_MARKER);
        expect(scalarAt(redacted, [...parent, scalarAt(doc, path, 'key') as string], 'key')).toBeUndefined();
      }
    }
  });

  it.each([
    ['a path that leads nowhere', `SELECT erasure_redact_jsonb('{"a":1}', '["b"]', 'value')`],
    ['an object as the value', `SELECT erasure_redact_jsonb('{"a":{"b":1}}', '["a"]', 'value')`],
    ['a value redacted already', `SELECT erasure_redact_jsonb('{"a":"[redacted]"}', '["a"]', 'value')`],
    ['an unknown target', `SELECT erasure_redact_jsonb('{"a":"x"}', '["a"]', 'all')`],
  ])('erasure_redact_jsonb refuses %s', async (_, sql) => {
    await expect(dataSource.query(sql)).rejects.toThrow(QueryFailedError);
  });

  it.each([
    [
      'a field other than data, access_reason, request_id, entity_id',
      (s: number) => `SELECT audit_redact_event(${s}, 'action', '[]', 'value')`,
      'not redacted',
    ],
    [
      'a field that is empty',
      (s: number) => `SELECT audit_redact_event(${s}, 'access_reason', '[]', 'value')`,
      'empty or redacted',
    ],
    [
      'an event that does not exist',
      () => `SELECT audit_redact_event(0, 'data', '["note"]', 'value')`,
      'does not exist',
    ],
  ])('audit_redact_event refuses %s', async (_, sql, message) => {
    const result = await rolledBack((query) => query(sql(sequence)));
    expect(result).toBeInstanceOf(QueryFailedError);
    expect((result as Error).message).toContain(message);
  });

  it('audit_redact_event redacts, and the trail then verifies only with its redaction record', async () => {
    const result = await rolledBack(async (query) => {
      await query(`SELECT audit_redact_event($1, 'data', '["note"]', 'value')`, [sequence]);
      return query(`SELECT data, content_hash = content_hash AS same FROM audit_event WHERE sequence = $1`, [sequence]);
    });
    expect(result).toEqual([{ data: { note: REDACTION_MARKER, n: 1 }, same: true }]);
    const withoutRecord = await verifyAfterTampering(dataSource, audit, (m) =>
      m.query(`SELECT audit_redact_event($1, 'data', '["note"]', 'value')`, [sequence]),
    );
    expect(withoutRecord).toMatchObject({ valid: false, firstInvalidSequence: sequence });
  });

  it('a redaction record itself is never redacted', async () => {
    const result = await rolledBack(async (query, manager) => {
      await audit.redact(manager, SYSTEM_ACTOR, {
        sequence,
        field: 'data',
        path: ['note'],
        target: 'value',
        record: {},
      });
      await query(`SELECT audit_redact_event(sequence, 'data', '["field"]', 'value') FROM audit_chain_head`);
    });
    expect(result).toBeInstanceOf(QueryFailedError);
    expect((result as Error).message).toContain('a redaction record is not redacted');
  });

  it('the triggers refuse any UPDATE not made by the function for that row, and one that touches the chained columns', async () => {
    const attempts = [
      `UPDATE audit_event SET data = '{}' WHERE sequence = ${sequence}`,
      `SELECT set_config('samverkan.audit_redaction', '${sequence + 1}', true); UPDATE audit_event SET data = '{}' WHERE sequence = ${sequence}`,
      `SELECT set_config('samverkan.audit_redaction', '${sequence}', true); UPDATE audit_event SET hash = sha256(hash) WHERE sequence = ${sequence}`,
      `SELECT set_config('samverkan.audit_redaction', '${sequence}', true); UPDATE audit_event SET action = 'audit_test.rewritten' WHERE sequence = ${sequence}`,
      `SELECT set_config('samverkan.audit_redaction', '${sequence}', true); DELETE FROM audit_event WHERE sequence = ${sequence}`,
    ];
    for (const attempt of attempts) {
      const result = await rolledBack(async (query) => {
        for (const statement of attempt.split('; ')) {
          await query(statement);
        }
      });
      expect(result).toBeInstanceOf(QueryFailedError);
      expect((result as Error).message).toMatch(/audit_event is append-only: (UPDATE|DELETE) refused/);
    }
  });

  it('whoever sets the flag by hand gets past the trigger, but not past verification', async () => {
    const result = await verifyAfterTampering(dataSource, audit, async (m) => {
      await m.query(`SET LOCAL session_replication_role = origin`);
      await m.query(`SELECT set_config('samverkan.audit_redaction', $1, true)`, [String(sequence)]);
      await m.query(`UPDATE audit_event SET data = '{"note":"[redacted]","n":1}' WHERE sequence = $1`, [sequence]);
    });
    expect(result).toMatchObject({ valid: false, firstInvalidSequence: sequence });
  });
});
