import type { DataSource } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '../../src/audit/audit.service';
import { EXIT_INVALID, EXIT_VALID, verifyAuditTrail } from '../../src/cli/audit-verify';
import { createOwnDatabase, OwnDatabase } from '../support/own-database';

/** `npm run audit:verify` against a database of its own, which this suite may break for good and then drops. */
describe('audit:verify command', () => {
  let database: OwnDatabase;
  let dataSource: DataSource;
  let audit: AuditService;

  const run = async () => {
    const lines: string[] = [];
    const code = await verifyAuditTrail(database.environment, (line) => lines.push(line));
    return { code, output: JSON.parse(lines.join('\n')) as Record<string, unknown> };
  };

  beforeAll(async () => {
    database = await createOwnDatabase('audit_cli');
    dataSource = database.dataSource;
    audit = new AuditService(dataSource);
    for (let i = 0; i < 3; i += 1) {
      await audit.record(SYSTEM_ACTOR, {
        action: 'audit_test.appended',
        entity: { type: 'audit_test', id: String(i) },
        data: { note: `n${i}` },
      });
    }
  });
  afterAll(() => database.drop());

  it('prints the verification and exits 0 for an intact chain', async () => {
    const { code, output } = await run();
    expect(code).toBe(EXIT_VALID);
    expect(output).toEqual({
      valid: true,
      checked: 3,
      headSequence: 3,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      firstInvalidSequence: null,
      redactedSequences: [],
    });
  });

  it('reports a redacted event and still exits 0', async () => {
    await dataSource.transaction((manager) =>
      audit.redact(manager, SYSTEM_ACTOR, {
        sequence: 3,
        field: 'data',
        path: ['note'],
        target: 'value',
        record: { reasonCode: 'retention' },
      }),
    );
    const { code, output } = await run();
    expect(code).toBe(EXIT_VALID);
    expect(output).toMatchObject({
      valid: true,
      checked: 4,
      headSequence: 4,
      firstInvalidSequence: null,
      redactedSequences: [3],
    });
  });

  it('exits 1 and names the first broken sequence once the chain was tampered with', async () => {
    await dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE audit_event SET action = 'audit_test.rewritten' WHERE sequence = 2`);
    });
    const { code, output } = await run();
    expect(code).toBe(EXIT_INVALID);
    expect(output).toMatchObject({ valid: false, checked: 4, headSequence: 4, firstInvalidSequence: 2 });
  });

  it('fails, rather than answering, when the configuration is invalid', async () => {
    await expect(verifyAuditTrail({ ...database.environment, JWT_SECRET: 'short' }, () => undefined)).rejects.toThrow(
      'JWT_SECRET',
    );
  });
});
