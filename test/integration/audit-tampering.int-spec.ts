import { DataSource, EntityManager } from 'typeorm';
import { AuditContent, chainHash, contentHash } from '../../src/audit/audit-chain';
import { AuditService } from '../../src/audit/audit.service';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { verifyAfterTampering } from '../support/audit-support';
import { uniqueSuffix } from '../support/test-app';

/**
 * The trail defends itself twice: the database refuses changes to it, and whoever goes around that (the
 * database owner, with triggers off) is caught by verification. Every tampering here happens inside a
 * transaction that is rolled back, so the shared test database stays intact.
 */
describe('audit trail: append-only and tamper-evident', () => {
  let dataSource: DataSource;
  let audit: AuditService;
  /** Sequences of five events appended by this suite, oldest first. */
  let ours: number[];

  const headOf = async (manager: EntityManager) =>
    Number((await manager.query<{ sequence: string }[]>(`SELECT sequence FROM audit_chain_head`))[0].sequence);

  const verifyAfter = (tamper: (manager: EntityManager) => Promise<unknown>) =>
    verifyAfterTampering(dataSource, audit, tamper);

  /** A forger who knows the rules computes correct hashes for an event linked after `prevHash`. */
  async function insertForged(manager: EntityManager, sequence: number, prevHash: Buffer): Promise<void> {
    const content: AuditContent = {
      occurredAt: new Date().toISOString(),
      action: 'organization.updated',
      actor: { type: 'system', userId: null, organizationId: null },
      entity: { type: 'organization', id: 'forged' },
      organizationIds: [],
      requestId: null,
      accessReason: null,
      data: {},
    };
    const hashOfContent = contentHash(content);
    await manager.query(
      `INSERT INTO audit_event (sequence, occurred_at, action, actor_type, entity_type, entity_id, organization_ids, data, content_hash, prev_hash, hash)
       VALUES ($1, $2, $3, 'system', 'organization', 'forged', '{}', '{}', $4, $5, $6)`,
      [sequence, content.occurredAt, content.action, hashOfContent, prevHash, chainHash(prevHash, hashOfContent)],
    );
  }

  const hashAt = async (manager: EntityManager, sequence: number) =>
    (await manager.query<{ hash: Buffer }[]>(`SELECT hash FROM audit_event WHERE sequence = $1`, [sequence]))[0].hash;

  beforeAll(async () => {
    const url = process.env.SAMVERKAN_TEST_DATABASE_URL as string;
    // No query logging: the refusals below are expected errors.
    const options = dataSourceOptions({ database: { mode: 'server', url, poolSize: 3, migrationsRun: false } });
    dataSource = await new DataSource({ ...options, logging: false }).initialize();
    audit = new AuditService(dataSource);
    const marker = `audit-tampering-${uniqueSuffix()}`;
    for (let i = 0; i < 5; i += 1) {
      await audit.record(
        { system: true, requestId: marker },
        { action: 'audit_test.appended', entity: { type: 'audit_test', id: String(i) }, data: { i } },
      );
    }
    const rows = await dataSource.query<{ sequence: string }[]>(
      `SELECT sequence FROM audit_event WHERE request_id = $1 ORDER BY sequence`,
      [marker],
    );
    ours = rows.map((row) => Number(row.sequence));
  });
  afterAll(() => dataSource.destroy());

  it('starts from a valid chain', async () => {
    expect(ours).toHaveLength(5);
    await expect(audit.verify()).resolves.toMatchObject({ valid: true, firstInvalidSequence: null });
  });

  describe("the database refuses changes, even from the application's own database user", () => {
    it.each([
      ['UPDATE', () => `UPDATE audit_event SET action = 'user.deleted' WHERE sequence = ${ours[1]}`],
      ['DELETE', () => `DELETE FROM audit_event WHERE sequence = ${ours[1]}`],
      ['TRUNCATE', () => `TRUNCATE audit_event`],
    ])('refuses %s', async (operation, sql) => {
      await expect(dataSource.query(sql())).rejects.toThrow(`audit_event is append-only: ${operation} refused`);
    });

    it('keeps the chain valid after the refusals', async () => {
      await expect(audit.verify()).resolves.toMatchObject({ valid: true });
    });
  });

  describe('verification catches going around the database', () => {
    it('a changed field', async () => {
      const result = await verifyAfter((m) =>
        m.query(`UPDATE audit_event SET data = '{"i": 99}' WHERE sequence = $1`, [ours[1]]),
      );
      expect(result).toMatchObject({ valid: false, firstInvalidSequence: ours[1] });
    });

    it('a changed field whose hashes were recomputed: the next event no longer links', async () => {
      const result = await verifyAfter(async (m) => {
        const [row] = await m.query<
          {
            prev_hash: Buffer;
          }[]
        >(`SELECT prev_hash FROM audit_event WHERE sequence = $1`, [ours[1]]);
        await m.query(`DELETE FROM audit_event WHERE sequence = $1`, [ours[1]]);
        await insertForged(m, ours[1], row.prev_hash);
      });
      expect(result).toMatchObject({ valid: false, firstInvalidSequence: ours[2] });
    });

    it('a deleted event in the middle', async () => {
      const result = await verifyAfter((m) => m.query(`DELETE FROM audit_event WHERE sequence = $1`, [ours[2]]));
      expect(result).toMatchObject({ valid: false, firstInvalidSequence: ours[2] });
    });

    it('a deleted last event', async () => {
      let head = 0;
      const result = await verifyAfter(async (m) => {
        head = await headOf(m);
        await m.query(`DELETE FROM audit_event WHERE sequence = $1`, [head]);
      });
      expect(result).toMatchObject({ valid: false, headSequence: head, firstInvalidSequence: head });
    });

    it('an event inserted at the end with correct hashes, past the recorded head', async () => {
      let head = 0;
      const result = await verifyAfter(async (m) => {
        head = await headOf(m);
        await insertForged(m, head + 1, await hashAt(m, head));
      });
      expect(result).toMatchObject({ valid: false, checked: expect.any(Number), firstInvalidSequence: head + 1 });
    });

    it('an event inserted in the middle, the later ones renumbered', async () => {
      const result = await verifyAfter(async (m) => {
        await m.query(`UPDATE audit_event SET sequence = sequence + 1000000000 WHERE sequence >= $1`, [ours[2]]);
        await m.query(`UPDATE audit_event SET sequence = sequence - 999999999 WHERE sequence >= 1000000000`);
        await insertForged(m, ours[2], await hashAt(m, ours[1]));
        await m.query(`UPDATE audit_chain_head SET sequence = sequence + 1`);
      });
      expect(result).toMatchObject({ valid: false, firstInvalidSequence: ours[2] + 1 });
    });

    it('two events swapped', async () => {
      const result = await verifyAfter(async (m) => {
        await m.query(`UPDATE audit_event SET sequence = -sequence WHERE sequence IN ($1, $2)`, [ours[2], ours[3]]);
        await m.query(
          `UPDATE audit_event SET sequence = CASE sequence WHEN $1::bigint THEN $4::bigint ELSE $3::bigint END WHERE sequence IN ($1, $2)`,
          [-ours[2], -ours[3], ours[2], ours[3]],
        );
      });
      expect(result).toMatchObject({ valid: false, firstInvalidSequence: ours[2] });
    });

    it('a rewritten head', async () => {
      const result = await verifyAfter((m) => m.query(`UPDATE audit_chain_head SET hash = sha256(hash)`));
      expect(result).toMatchObject({ valid: false });
    });

    it('leaves the shared chain intact: every tampering was rolled back', async () => {
      await expect(audit.verify()).resolves.toMatchObject({ valid: true, firstInvalidSequence: null });
    });
  });
});
