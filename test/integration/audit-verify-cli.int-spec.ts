import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '../../src/audit/audit.service';
import { EXIT_INVALID, EXIT_VALID, verifyAuditTrail } from '../../src/cli/audit-verify';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runMigrations } from '../../src/database/database.module';
import { uniqueSuffix } from '../support/test-app';
import { ADMIN_DATABASE_URL, databaseUrl, TEST_REDIS_URL } from '../support/test-services';

/** `npm run audit:verify` against a database of its own, which this suite may break for good and then drops. */
describe('audit:verify command', () => {
  const name = `samverkan_audit_cli_${uniqueSuffix()}`;
  const url = databaseUrl(name);
  const environment = {
    DATABASE_URL: url,
    REDIS_URL: TEST_REDIS_URL,
    JWT_SECRET: 'audit-cli-test-jwt-secret-long-enough-0000',
    REFERENCE_HMAC_KEY: 'audit-cli-test-hmac-key-that-is-long-enough',
  };
  let dataSource: DataSource;

  const adminQuery = async (sql: string) => {
    const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };

  const run = async () => {
    const lines: string[] = [];
    const code = await verifyAuditTrail(environment, (line) => lines.push(line));
    return { code, output: JSON.parse(lines.join('\n')) as Record<string, unknown> };
  };

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE ${name}`);
    dataSource = await new DataSource(dataSourceOptions({ database: { mode: 'server', url, poolSize: 2, migrationsRun: true } })).initialize();
    await runMigrations(dataSource);
    const audit = new AuditService(dataSource);
    for (let i = 0; i < 3; i += 1) await audit.record(SYSTEM_ACTOR, { action: 'audit_test.appended', entity: { type: 'audit_test', id: String(i) } });
  });
  afterAll(async () => {
    await dataSource.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('prints the verification and exits 0 for an intact chain', async () => {
    const { code, output } = await run();
    expect(code).toBe(EXIT_VALID);
    expect(output).toEqual({ valid: true, checked: 3, headSequence: 3, headHash: expect.stringMatching(/^[0-9a-f]{64}$/), firstInvalidSequence: null, redactedSequences: [] });
  });

  it('exits 1 and names the first broken sequence once the chain was tampered with', async () => {
    await dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE audit_event SET action = 'audit_test.rewritten' WHERE sequence = 2`);
    });
    const { code, output } = await run();
    expect(code).toBe(EXIT_INVALID);
    expect(output).toMatchObject({ valid: false, checked: 3, headSequence: 3, firstInvalidSequence: 2 });
  });

  it('fails, rather than answering, when the configuration is invalid', async () => {
    await expect(verifyAuditTrail({ ...environment, JWT_SECRET: 'short' }, () => undefined)).rejects.toThrow('JWT_SECRET');
  });
});
