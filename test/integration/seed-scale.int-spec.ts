import type { EntityManager } from 'typeorm';
import { CaseStatus } from '../../src/cases/case-status';
import { CasesRepository } from '../../src/cases/cases.repository';
import { EXIT_VALID, verifyAuditTrail } from '../../src/cli/audit-verify';
import { SCALE_ORGANIZATIONS, SCALE_USERS } from '../../src/cli/scale-county';
import { ScaleSeedResult, seedScale } from '../../src/cli/seed-scale';
import { Role } from '../../src/common/auth/role';
import { ORGANIZATION_TYPES } from '../../src/organizations/organization-type';
import { login } from '../support/fixtures';
import { createOwnDatabase, OwnDatabase } from '../support/own-database';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'scale-seed-password-for-tests';
/** Enough cases that an index pays off (about 12,000 steps and 40,000 reminders), few enough to seed in seconds. */
const CASES = 2000;

/**
 * `npm run seed:scale` on a county of its own: counts, a chain that verifies, accounts that sign in; and on the same
 * data, the plans of the read paths that must stay flat as the county grows.
 */
describe('seed:scale', () => {
  let database: OwnDatabase;
  let result: ScaleSeedResult;
  let t: TestApp;
  const count = async (sql: string) =>
    Number((await database.dataSource.query<{ n: string }[]>(`SELECT (${sql}) AS n`))[0].n);

  beforeAll(async () => {
    database = await createOwnDatabase('seed_scale');
    result = await seedScale(database.dataSource, { cases: CASES, password: PASSWORD });
    t = await startTestApp({
      role: 'api',
      database: { mode: 'server', url: database.environment.DATABASE_URL, poolSize: 2, migrationsRun: false },
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('builds the county: about 300 organisations of every type in 26 municipalities, staff, routines and adoptions', async () => {
    expect(result.organizations).toBe(SCALE_ORGANIZATIONS.length);
    expect(await count(`SELECT count(*) FROM organization`)).toBeGreaterThanOrEqual(280);
    expect(await count(`SELECT count(DISTINCT type) FROM organization`)).toBe(ORGANIZATION_TYPES.length);
    expect(await count(`SELECT count(DISTINCT municipality_code) FROM organization`)).toBe(26);
    expect(await count(`SELECT count(*) FROM app_user WHERE email LIKE '%@scale.samverkan.local'`)).toBe(
      SCALE_USERS.length,
    );
    expect(result.routines).toBe(6);
    expect(await count(`SELECT count(*) FROM adoption WHERE status = 'adopted'`)).toBe(result.adoptions);
  });

  it('writes the cases with consistent steps, reminders and notifications', async () => {
    expect(await count(`SELECT count(*) FROM collaboration_case`)).toBe(CASES);
    expect(result.cases).toBe(CASES);
    expect(await count(`SELECT count(*) FROM case_step`)).toBe(result.steps);
    // Spread over three years, numbered per year without gaps, counters at the last number given.
    expect(await count(`SELECT count(DISTINCT extract(year FROM opened_at)) FROM collaboration_case`)).toBeGreaterThan(
      2,
    );
    expect(
      await count(`SELECT count(*) FROM case_number_counter k
                    WHERE k.last_value <> (SELECT count(*) FROM collaboration_case c WHERE c.case_number LIKE 'SAM-' || k.year || '-%')`),
    ).toBe(0);
    // A closed case has every step finished; an open one has an active step, and some of those are overdue.
    expect(
      await count(`SELECT count(*) FROM collaboration_case c JOIN case_step s ON s.case_id = c.id
                    WHERE c.status = 'closed' AND s.status NOT IN ('done', 'skipped')`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) FROM collaboration_case c WHERE c.status = 'open'
                      AND NOT EXISTS (SELECT 1 FROM case_step s WHERE s.case_id = c.id AND s.status = 'active')`),
    ).toBe(0);
    expect(await count(`SELECT count(*) FROM collaboration_case WHERE status = 'open'`)).toBe(result.openCases);
    expect(await count(`SELECT count(*) FROM collaboration_case WHERE status = 'closed'`)).toBeGreaterThan(CASES / 2);
    expect(await count(`SELECT count(*) FROM case_step WHERE status = 'active' AND due_at < now()`)).toBeGreaterThan(0);
    // Each step owned by the participant of its type; every activated step has its overdue reminder.
    expect(
      await count(`SELECT count(*) FROM case_step s
                    WHERE NOT EXISTS (SELECT 1 FROM case_participant p WHERE p.case_id = s.case_id AND p.organization_id = s.owner_organization_id)`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) FROM case_step s WHERE s.activated_at IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM reminder r WHERE r.case_id = s.case_id AND r.step_key = s.key AND r.kind = 'overdue')`),
    ).toBe(0);
    expect(await count(`SELECT count(*) FROM reminder WHERE subject_type = 'case_step'`)).toBe(result.reminders);
    expect(await count(`SELECT count(DISTINCT status) FROM reminder WHERE subject_type = 'case_step'`)).toBe(3);
    expect(result.notifications).toBeGreaterThan(0);
    expect(
      await count(
        `SELECT count(*) FROM notification n JOIN reminder r ON r.id = n.reminder_id WHERE r.status <> 'sent'`,
      ),
    ).toBe(0);
  });

  it('chains every change into a trail that audit:verify accepts', async () => {
    const lines: string[] = [];
    const code = await verifyAuditTrail(database.environment, (line) => lines.push(line));
    const verification = JSON.parse(lines.join('\n')) as { valid: boolean; checked: number };
    expect(code).toBe(EXIT_VALID);
    expect(verification.valid).toBe(true);
    expect(verification.checked).toBeGreaterThan(result.auditEvents);
    expect(await count(`SELECT count(*) FROM audit_event WHERE action = 'case.created'`)).toBe(CASES);
    expect(
      await count(`SELECT count(*) FROM audit_event WHERE action IN ('case.step.completed', 'case.step.skipped')`),
    ).toBe(await count(`SELECT count(*) FROM case_step WHERE completed_at IS NOT NULL`));
  });

  it('names accounts that sign in: a caseworker and a manager of the busiest organisation, and an auditor', async () => {
    const busiest = result.busiestOrganizationId;
    const roles = (role: Role) => result.users.filter((user) => user.roles.includes(role));
    expect(roles(Role.Caseworker).some((user) => user.organizationId === busiest)).toBe(true);
    expect(roles(Role.Manager).some((user) => user.organizationId === busiest)).toBe(true);
    expect(roles(Role.Auditor)).toHaveLength(1);
    for (const user of result.users) {
      const token = await login(t.app, user.email, user.password);
      const me = await t.http.get('/api/v1/auth/me').set({ Authorization: `Bearer ${token}` });
      expect(me.status).toBe(200);
      expect((me.body as { organization: { id: string } }).organization.id).toBe(user.organizationId);
    }
    const caseworker = roles(Role.Caseworker)[0];
    const token = await login(t.app, caseworker.email, caseworker.password);
    const open = await t.http.get('/api/v1/cases?status=open&limit=50').set({ Authorization: `Bearer ${token}` });
    expect(open.status).toBe(200);
    expect((open.body as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  describe('plans (EXPLAIN after ANALYZE, enable_seqscan left on)', () => {
    const repository = new CasesRepository();
    /** The statement a repository method sends, captured instead of run, then explained on the seeded database. */
    const planOf = async (read: (manager: EntityManager) => Promise<unknown>): Promise<string> => {
      const sent: { sql: string; parameters: unknown[] }[] = [];
      const capture = {
        queryRunner: {
          query: (sql: string, parameters: unknown[]) => {
            sent.push({ sql, parameters });
            return Promise.resolve({ records: [], affected: undefined });
          },
        },
      } as unknown as EntityManager;
      await read(capture);
      expect(sent).toHaveLength(1);
      const plan = await database.dataSource.query<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN ${sent[0].sql}`,
        sent[0].parameters,
      );
      return plan.map((line) => line['QUERY PLAN']).join('\n');
    };
    const expectIndexed = (plan: string) => {
      expect(plan).not.toMatch(/Seq Scan on (collaboration_case|case_step|case_participant)\b/);
      expect(plan).toMatch(/Index (Only )?Scan/);
    };

    it('list my open cases, 50 per page, first and later pages, walks indexes', async () => {
      const organizationId = result.busiestOrganizationId as string;
      expectIndexed(
        await planOf((manager) => repository.listVisible(manager, organizationId, { status: CaseStatus.Open }, 51)),
      );
      const [{ caseNumber }] = await database.dataSource.query<{ caseNumber: string }[]>(
        `SELECT c.case_number AS "caseNumber" FROM collaboration_case c JOIN case_participant p ON p.case_id = c.id
          WHERE p.organization_id = $1 AND c.status = 'open' ORDER BY c.case_number DESC OFFSET 10 LIMIT 1`,
        [organizationId],
      );
      expectIndexed(
        await planOf((manager) =>
          repository.listVisible(manager, organizationId, { status: CaseStatus.Open, caseNumberBelow: caseNumber }, 51),
        ),
      );
    });

    it('get case, by id and by number, walks indexes', async () => {
      const organizationId = result.busiestOrganizationId as string;
      const [kase] = await database.dataSource.query<{ id: string; caseNumber: string }[]>(
        `SELECT c.id, c.case_number AS "caseNumber" FROM collaboration_case c JOIN case_participant p ON p.case_id = c.id
          WHERE p.organization_id = $1 LIMIT 1`,
        [organizationId],
      );
      expectIndexed(await planOf((manager) => repository.caseWithSteps(manager, { id: kase.id }, organizationId)));
      expectIndexed(
        await planOf((manager) => repository.caseWithSteps(manager, { caseNumber: kase.caseNumber }, organizationId)),
      );
    });
  });
});
