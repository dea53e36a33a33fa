import type { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service';
import { Role } from '../../src/common/auth/role';
import { EXIT_CLEAN, EXIT_FOUND, scanForPersonalData } from '../../src/cli/privacy-scan';
import { Finding, MASKED_KEY_VALUE, scanDatabase } from '../../src/erasure/personal-data-scan';
import { OrganizationType } from '../../src/organizations/organization-type';
import { createOwnDatabase, OwnDatabase } from '../support/own-database';

const IDENTITY_NUMBER = '19770707-7074';
const EMAIL = 'anna.svensson@example.se';
const PHONE = '070-123 45 67';
/** What must never appear in the scan's output, in any spelling: the digits and the e-mail's local part. */
const TRACES = ['7707077074', '0701234567', 'anna.svensson'];

/**
 * `npm run privacy:scan` against a database of its own: migrated, it is clean (exit 0); with identifiers planted
 * straight into tables (as a gap in the guard would have let them in), it names each table, column, row and path
 * — never the value — and exits 1.
 */
describe('privacy:scan command', () => {
  let database: OwnDatabase;
  let dataSource: DataSource;
  let organizationId: string;
  let routineId: string;
  let userId: string;

  const run = async (args: string[] = []) => {
    const lines: string[] = [];
    const code = await scanForPersonalData(database.environment, args, (line) => lines.push(line));
    const parsed = lines.map(
      (line) => JSON.parse(line) as Finding & { summary?: { findings: number; rows: number; tables: number } },
    );
    return {
      code,
      output: lines.join('\n'),
      findings: parsed.filter((line) => !line.summary),
      summary: parsed[parsed.length - 1].summary,
    };
  };

  beforeAll(async () => {
    database = await createOwnDatabase('privacy_scan');
    dataSource = database.dataSource;
  });
  afterAll(() => database.drop());

  it('finds nothing in a freshly migrated database (reference data included) and exits 0', async () => {
    const { code, findings, summary } = await run();
    expect(findings).toEqual([]);
    expect(code).toBe(EXIT_CLEAN);
    expect(summary).toMatchObject({ findings: 0, tables: expect.any(Number) });
    expect(summary?.tables).toBeGreaterThan(15);
  });

  describe('with identifiers planted past the guard', () => {
    beforeAll(async () => {
      [{ id: organizationId }] = await dataSource.query<{ id: string }[]>(
        `INSERT INTO organization (name, type, municipality_code) VALUES ($1, $2, '0180') RETURNING id`,
        [`Socialtjänsten, kontakt ${PHONE}`, OrganizationType.SocialServices],
      );
      // Staff account data is kept by design: an e-mail as sign-in name and in the throttling key is not reported.
      [{ id: userId }] = await dataSource.query<{ id: string }[]>(
        `INSERT INTO app_user (email, display_name, organization_id, roles, password_hash) VALUES ($1, 'Anna S', $2, $3, 'x') RETURNING id`,
        [EMAIL, organizationId, [Role.Coordinator]],
      );
      await dataSource.query(`INSERT INTO login_failure (key, failures, window_started_at) VALUES ($1, 1, now())`, [
        `account:${EMAIL}`,
      ]);
      const draft = {
        title: 'Rutin',
        steps: [{ key: 'first', title: `Ring ${PHONE}` }],
        [`pnr${IDENTITY_NUMBER}`]: 'x',
      };
      [{ id: routineId }] = await dataSource.query<{ id: string }[]>(
        `INSERT INTO routine (owner_organization_id, draft) VALUES ($1, $2::jsonb) RETURNING id`,
        [organizationId, JSON.stringify(draft)],
      );
      // The audit trail through its normal append path.
      await new AuditService(dataSource).record(
        {
          user: {
            id: userId,
            organizationId,
            organizationType: OrganizationType.SocialServices,
            roles: [Role.Coordinator],
          },
          requestId: 'scan-test',
          accessReason: `Begäran från ${EMAIL}`,
        },
        {
          action: 'case_step.skipped',
          entity: { type: 'case_step', id: 'first' },
          data: { reasonCode: `pnr${IDENTITY_NUMBER.replace('-', '')}`, count: 3 },
        },
      );
      // A table no code knows about, one without a primary key, and one whose key itself is an identifier.
      await dataSource.query(
        `CREATE TABLE scan_probe (id integer PRIMARY KEY, note text, doc json, tags varchar(40)[])`,
      );
      await dataSource.query(
        `INSERT INTO scan_probe SELECT n, CASE WHEN n = 7 THEN $1 ELSE 'fine ' || n END, CASE WHEN n = 9 THEN $2::json END,
                CASE WHEN n = 3 THEN ARRAY['a', $3] END FROM generate_series(1, 12) AS n`,
        [`Mejla ${EMAIL}`, JSON.stringify({ list: [{ phone: PHONE }] }), `tel${PHONE.replace(/ /g, '')}`],
      );
      await dataSource.query(`CREATE TABLE scan_probe_unkeyed (note text)`);
      await dataSource.query(`INSERT INTO scan_probe_unkeyed VALUES ('nothing'), ($1)`, [`pnr ${IDENTITY_NUMBER}`]);
      await dataSource.query(`CREATE TABLE scan_probe_keyed_by_value (code text PRIMARY KEY)`);
      await dataSource.query(`INSERT INTO scan_probe_keyed_by_value VALUES ('ok'), ($1)`, [
        `p${IDENTITY_NUMBER.slice(2).replace('-', '_')}`,
      ]);
    });

    it('reports each one by table, column, row key, path and kind, exits 1, and never prints a value', async () => {
      const { code, findings, output, summary } = await run();
      expect(code).toBe(EXIT_FOUND);
      expect(findings).toEqual(
        expect.arrayContaining([
          { table: 'organization', column: 'name', row: { id: organizationId }, target: 'value', kind: 'phone' },
          {
            table: 'routine',
            column: 'draft',
            row: { id: routineId },
            path: ['steps', 0, 'title'],
            target: 'value',
            kind: 'phone',
          },
          {
            table: 'routine',
            column: 'draft',
            row: { id: routineId },
            path: [{ keyAt: 2 }],
            target: 'key',
            kind: 'personal_identity_number',
          },
          expect.objectContaining({ table: 'audit_event', column: 'access_reason', target: 'value', kind: 'email' }),
          expect.objectContaining({
            table: 'audit_event',
            column: 'data',
            path: ['reasonCode'],
            target: 'value',
            kind: 'personal_identity_number',
          }),
          { table: 'scan_probe', column: 'note', row: { id: '7' }, target: 'value', kind: 'email' },
          {
            table: 'scan_probe',
            column: 'doc',
            row: { id: '9' },
            path: ['list', 0, 'phone'],
            target: 'value',
            kind: 'phone',
          },
          { table: 'scan_probe', column: 'tags', row: { id: '3' }, path: [1], target: 'value', kind: 'phone' },
          {
            table: 'scan_probe_unkeyed',
            column: 'note',
            row: { ctid: expect.stringMatching(/^\(\d+,\d+\)$/) },
            target: 'value',
            kind: 'personal_identity_number',
          },
          {
            table: 'scan_probe_keyed_by_value',
            column: 'code',
            row: { code: MASKED_KEY_VALUE },
            target: 'value',
            kind: expect.any(String),
          },
        ]),
      );
      expect(findings).toHaveLength(10);
      expect(findings.some((f) => ['app_user', 'login_failure'].includes(f.table))).toBe(false);
      expect(summary?.findings).toBe(10);
      for (const trace of TRACES) {
        expect(/\d/.test(trace) ? output.replace(/\D/g, '') : output).not.toContain(trace);
      }
    });

    it('pages through every row in keyset batches, whatever the batch size', async () => {
      const seen: Finding[] = [];
      const summary = await scanDatabase(dataSource.manager, (finding) => seen.push(finding), {
        tables: ['scan_probe', 'scan_probe_unkeyed'],
        batchSize: 2,
      });
      expect(summary).toEqual({ tables: 2, columns: 4, rows: 14, findings: 4 });
      expect(seen.map((f) => f.row)).toEqual([{ id: '3' }, { id: '7' }, { id: '9' }, { ctid: expect.any(String) }]);
    });

    it('scans only the tables named with --table, and refuses anything else', async () => {
      const { code, findings } = await run(['--table=scan_probe']);
      expect(code).toBe(EXIT_FOUND);
      expect(new Set(findings.map((f) => f.table))).toEqual(new Set(['scan_probe']));
      await expect(run(['--table=strategy_goal'])).resolves.toMatchObject({ code: EXIT_CLEAN, findings: [] });
      await expect(run(['--everything'])).rejects.toThrow('unknown argument');
    });
  });
});
