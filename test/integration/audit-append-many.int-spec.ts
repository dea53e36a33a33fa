import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { chainHash } from '../../src/audit/audit-chain';
import { AuditEntry, AuditService, SystemActor } from '../../src/audit/audit.service';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { uniqueSuffix } from '../support/test-app';

interface StoredLink {
  sequence: string;
  entity_id: string;
  organization_ids: string[];
  content_hash: Buffer;
  prev_hash: Buffer;
  hash: Buffer;
}

/** Several events chained in one statement must link exactly as single appends do, and verify as one chain with them. */
describe('audit trail: appending many events at once', () => {
  let dataSource: DataSource;
  let audit: AuditService;

  const actor = (): SystemActor => ({ system: true, requestId: `append-many-${uniqueSuffix()}` });
  const entries = (count: number, organizationIds: string[] = []): AuditEntry[] =>
    Array.from({ length: count }, (_, i) => ({
      action: 'audit_test.appended',
      entity: { type: 'audit_test', id: String(i) },
      organizationIds,
      data: { i },
    }));
  const linksOf = async (requestId: string) =>
    await dataSource.query<StoredLink[]>(
      `SELECT sequence, entity_id, organization_ids, content_hash, prev_hash, hash FROM audit_event WHERE request_id = $1 ORDER BY sequence`,
      [requestId],
    );
  const head = async () =>
    (
      await dataSource.query<
        {
          sequence: string;
          prev_hash: Buffer;
          hash: Buffer;
        }[]
      >(`SELECT sequence, prev_hash, hash FROM audit_chain_head`)
    )[0];

  beforeAll(async () => {
    const url = process.env.SAMVERKAN_TEST_DATABASE_URL as string;
    const options = dataSourceOptions({ database: { mode: 'server', url, poolSize: 20, migrationsRun: false } });
    dataSource = await new DataSource({ ...options, logging: false }).initialize();
    audit = new AuditService(dataSource);
  });
  afterAll(() => dataSource.destroy());

  it('chains the events in the order given, each linked to the one before, and moves the head to the last', async () => {
    const organizations = [randomUUID(), randomUUID()].sort();
    const by = actor();
    const before = await head();
    await dataSource.transaction((manager) => audit.appendMany(manager, by, entries(4, organizations)));

    const links = await linksOf(by.requestId as string);
    expect(links.map((link) => link.entity_id)).toEqual(['0', '1', '2', '3']);
    expect(links.map((link) => Number(link.sequence))).toEqual([1, 2, 3, 4].map((i) => Number(before.sequence) + i));
    expect(links[0].prev_hash.equals(before.hash)).toBe(true);
    links.forEach((link, i) => {
      if (i > 0) {
        expect(link.prev_hash.equals(links[i - 1].hash)).toBe(true);
      }
      expect(link.hash.equals(chainHash(link.prev_hash, link.content_hash))).toBe(true);
      expect(link.organization_ids).toEqual(organizations);
    });
    const after = await head();
    expect(Number(after.sequence)).toBe(Number(links[3].sequence));
    expect(after.hash.equals(links[3].hash)).toBe(true);
    expect(after.prev_hash.equals(links[3].prev_hash)).toBe(true);
    await expect(audit.verify()).resolves.toMatchObject({ valid: true, firstInvalidSequence: null });
  });

  it('appends nothing for an empty list', async () => {
    const before = await head();
    await dataSource.transaction((manager) => audit.appendMany(manager, actor(), []));
    expect(await head()).toEqual(before);
  });

  it('leaves no event and an unmoved head when the transaction rolls back', async () => {
    const by = actor();
    const before = await head();
    await expect(
      dataSource.transaction(async (manager) => {
        await audit.appendMany(manager, by, entries(3));
        throw new Error('the change failed after its audit events');
      }),
    ).rejects.toThrow('the change failed');
    expect(await linksOf(by.requestId as string)).toEqual([]);
    expect(await head()).toEqual(before);
  });

  it('keeps one unbroken chain under concurrent batches and single appends, each batch contiguous', async () => {
    const writers = Array.from({ length: 30 }, (_, i) => ({ by: actor(), count: i % 3 === 0 ? 1 : 1 + (i % 7) }));
    const before = await head();
    await Promise.all(
      writers.map(({ by, count }) =>
        dataSource.transaction((manager) =>
          count === 1 ? audit.append(manager, by, entries(1)[0]) : audit.appendMany(manager, by, entries(count)),
        ),
      ),
    );
    const total = writers.reduce((sum, writer) => sum + writer.count, 0);
    expect(Number((await head()).sequence)).toBe(Number(before.sequence) + total);
    for (const { by, count } of writers) {
      const sequences = (await linksOf(by.requestId as string)).map((link) => Number(link.sequence));
      expect(sequences).toHaveLength(count);
      expect(sequences[count - 1] - sequences[0]).toBe(count - 1);
    }
    await expect(audit.verify()).resolves.toMatchObject({ valid: true, firstInvalidSequence: null });
  });

  describe('audited reads (record): group commit', () => {
    const read = (by: SystemActor, organizationIds: string[] = []) =>
      audit.record(by, { action: 'audit_test.appended', entity: { type: 'audit_test', id: 'read' }, organizationIds });

    it('appends the events of concurrent reads in fewer statements, each committed when its read resumes', async () => {
      const readers = Array.from({ length: 40 }, () => actor());
      const statements = jest.spyOn(dataSource.manager, 'query');
      try {
        await Promise.all(
          readers.map(async (by) => {
            await read(by);
            // Committed by the time the read resumes: another connection sees it.
            expect(await linksOf(by.requestId as string)).toHaveLength(1);
          }),
        );
        expect(statements.mock.calls.length).toBeLessThan(readers.length);
      } finally {
        statements.mockRestore();
      }
      await expect(audit.verify()).resolves.toMatchObject({ valid: true, firstInvalidSequence: null });
    });

    it('fails only the read whose event cannot be appended; the others in its batch are appended', async () => {
      const readers = Array.from({ length: 12 }, () => actor());
      const results = await Promise.allSettled(readers.map((by, i) => (i === 5 ? read(by, ['not-a-uuid']) : read(by))));
      expect(results.map((result) => result.status)).toEqual(
        readers.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')),
      );
      for (const [i, by] of readers.entries()) {
        expect(await linksOf(by.requestId as string)).toHaveLength(i === 5 ? 0 : 1);
      }
      await expect(audit.verify()).resolves.toMatchObject({ valid: true, firstInvalidSequence: null });
    });
  });
});
