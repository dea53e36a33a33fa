import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import { createOrganization, FixtureOrganization } from '../support/fixtures';
import { createPublishedRoutine, PublishedRoutine, routineDefinition, routineStep } from '../support/routine-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The follow-up rollups (migration FollowUpRollups) against a recomputation from the rows, written here
 * independently of the triggers' SQL, after a mixed workload: cases opened, steps completed in concurrent
 * transactions (several on one case at once), skipped, reopened and handed to another owner, participants added and
 * removed, escalations sent and withdrawn, cases closed and one deleted outright.
 */
const NIL = '00000000-0000-0000-0000-000000000000';

const RECOMPUTED = `
  WITH scopes AS (
         SELECT id AS case_id, '${NIL}'::uuid AS scope FROM collaboration_case
         UNION ALL SELECT case_id, organization_id FROM case_participant),
       s AS (SELECT s.*, c.opened_at, c.closed_at FROM case_step s JOIN collaboration_case c ON c.id = s.case_id),
       events AS (
         SELECT 'opened' AS metric, opened_at AS at, id AS case_id, '' AS step_key, '${NIL}'::uuid AS owner, '' AS bucket FROM collaboration_case
         UNION ALL SELECT 'closed', closed_at, id, '', '${NIL}', '' FROM collaboration_case WHERE closed_at IS NOT NULL
         UNION ALL SELECT 'opened_step', opened_at, case_id, key, owner_organization_id, '' FROM s
         UNION ALL SELECT 'closed_step', closed_at, case_id, key, owner_organization_id, '' FROM s WHERE closed_at IS NOT NULL
         UNION ALL SELECT DISTINCT 'opened_owner', opened_at, case_id, '', owner_organization_id, '' FROM s
         UNION ALL SELECT DISTINCT 'closed_owner', closed_at, case_id, '', owner_organization_id, '' FROM s WHERE closed_at IS NOT NULL
         UNION ALL SELECT 'completed', completed_at, case_id, key, owner_organization_id, '' FROM s WHERE status = 'done'
         UNION ALL SELECT 'skipped', completed_at, case_id, key, owner_organization_id, '' FROM s WHERE status = 'skipped'
         UNION ALL SELECT 'on_time', completed_at, case_id, key, owner_organization_id, '' FROM s WHERE status = 'done' AND completed_at <= due_at
         UNION ALL SELECT 'outcome', completed_at, case_id, key, owner_organization_id, outcome_code FROM s WHERE status = 'done'
         UNION ALL SELECT 'lead', completed_at, case_id, key, owner_organization_id,
                          round(extract(epoch FROM completed_at - activated_at) / 3600)::int::text FROM s WHERE status = 'done'
         UNION ALL SELECT 'escalation', r.sent_at, r.case_id, r.step_key, s.owner_organization_id, ''
           FROM reminder r JOIN s ON s.case_id = r.case_id AND s.key = r.step_key WHERE r.kind = 'escalation' AND r.status = 'sent'),
       step_levels AS (
         SELECT * FROM events
         UNION ALL SELECT metric, at, case_id, '*', '${NIL}', bucket FROM events WHERE step_key <> '' AND metric NOT LIKE '%\\_step')
  SELECT e.metric, to_char(e.at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') AS day, e.step_key, e.owner::text, sc.scope::text, e.bucket,
         count(*)::int AS value
    FROM step_levels e JOIN scopes sc ON sc.case_id = e.case_id
    JOIN collaboration_case c ON c.id = e.case_id AND c.routine_id = $1
   GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`;

const ROLLUPS = `
  SELECT metric, to_char(day, 'YYYY-MM-DD') AS day, step_key, owner_organization_id::text AS owner,
         scope_organization_id::text AS scope, bucket, sum(value)::int AS value
    FROM follow_up_rollup WHERE routine_id = $1 GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(value) <> 0 ORDER BY 1, 2, 3, 4, 5, 6`;

describe('follow-up rollups', () => {
  let t: TestApp;
  let ss: FixtureOrganization;
  let police: FixtureOrganization;
  let healthcare: FixtureOrganization;
  let routine: PublishedRoutine;
  const caseIds: string[] = [];

  const openCase = async (n: number) => {
    const [{ id }] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO collaboration_case (case_number, routine_id, routine_version, status, opened_at, opened_by, opened_by_organization_id)
       VALUES ($1, $2, $3, 'open', $4, $5, $6) RETURNING id`,
      [
        `SAM-2001-${String(800000 + n)}`,
        routine.id,
        routine.version,
        `2025-03-${String(20 + (n % 10)).padStart(2, '0')}T22:30:00Z`,
        ss.users.coordinator.id,
        ss.id,
      ],
    );
    await t.dataSource.query(`INSERT INTO case_participant (case_id, organization_id) VALUES ($1, $2), ($1, $3)`, [
      id,
      ss.id,
      police.id,
    ]);
    const steps: [string, FixtureOrganization][] = [
      ['notify', police],
      ['meeting', ss],
      ['assess', ss],
    ];
    for (const [position, [key, owner]] of steps.entries()) {
      await t.dataSource.query(
        `INSERT INTO case_step (case_id, key, position, title, owner_organization_id, status, depends_on, due_after, due_from,
                                working_days, outcome_codes, activated_at, due_at)
         VALUES ($1, $2, $3, $2, $4, 'active', '{}', 'P1D', 'case_start', false, '{}', $5, $5::timestamptz + interval '2 days')`,
        [id, key, position, owner.id, `2025-03-${String(20 + (n % 10)).padStart(2, '0')}T22:30:00Z`],
      );
    }
    return id;
  };

  const complete = (caseId: string, key: string, hours: number, outcome = 'sent') =>
    t.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE case_step SET status = 'done', completed_at = activated_at + make_interval(hours => $3), outcome_code = $4
          WHERE case_id = $1 AND key = $2`,
        [caseId, key, hours, outcome],
      );
    });

  beforeAll(async () => {
    t = await startTestApp();
    ss = await createOrganization(t.app, OrganizationType.SocialServices, '0114', [Role.Coordinator]);
    police = await createOrganization(t.app, OrganizationType.Police, '0114', [Role.Coordinator]);
    healthcare = await createOrganization(t.app, OrganizationType.Healthcare, '0114', [Role.Coordinator]);
    routine = await createPublishedRoutine(
      t.dataSource,
      { organizationId: ss.id, userId: ss.users.coordinator.id },
      routineDefinition(
        [
          routineStep('notify', OrganizationType.Police, { outcomeCodes: ['sent'] }),
          routineStep('meeting', OrganizationType.SocialServices, { outcomeCodes: ['held'] }),
          routineStep('assess', OrganizationType.SocialServices, { outcomeCodes: ['assessed'] }),
        ],
        { title: 'Rutin R', goals: [3], measures: ['3.1'] },
      ),
    );
    for (let n = 0; n < 12; n += 1) {
      caseIds.push(await openCase(n));
    }
  });

  afterAll(async () => {
    await t.close();
  });

  it('equal a recomputation from the rows after a mixed, concurrent workload', async () => {
    // Concurrent completions: every case's first two steps at once, two transactions per case.
    await Promise.all(
      caseIds.flatMap((id, n) => [complete(id, 'notify', 1 + n, 'sent'), complete(id, 'meeting', 30 + n, 'held')]),
    );
    await t.dataSource.query(
      `UPDATE case_step SET status = 'skipped', completed_at = activated_at + interval '5 hours', reason_code = 'not_needed'
        WHERE case_id = ANY($1) AND key = 'assess'`,
      [caseIds.slice(0, 4)],
    );
    // Reopened, and handed to another organisation.
    await t.dataSource.query(
      `UPDATE case_step SET status = 'active', completed_at = NULL, outcome_code = NULL WHERE case_id = $1 AND key = 'meeting'`,
      [caseIds[5]],
    );
    await t.dataSource.query(`UPDATE case_step SET owner_organization_id = $2 WHERE case_id = $1 AND key = 'assess'`, [
      caseIds[6],
      healthcare.id,
    ]);
    await t.dataSource.query(`INSERT INTO case_participant (case_id, organization_id) VALUES ($1, $2)`, [
      caseIds[6],
      healthcare.id,
    ]);
    await t.dataSource.query(`DELETE FROM case_participant WHERE case_id = $1 AND organization_id = $2`, [
      caseIds[7],
      police.id,
    ]);
    for (const id of caseIds.slice(8, 11)) {
      await t.dataSource.query(
        `INSERT INTO reminder (kind, subject_type, case_id, step_key, organization_id, due_at, status, sent_at)
         VALUES ('escalation', 'case_step', $1, 'assess', $2, '2025-04-02T10:00:00Z', 'sent', '2025-04-02T10:00:00Z')`,
        [id, ss.id],
      );
    }
    await t.dataSource.query(`UPDATE reminder SET status = 'cancelled' WHERE case_id = $1 AND kind = 'escalation'`, [
      caseIds[10],
    ]);
    await t.dataSource.query(
      `UPDATE collaboration_case SET status = 'closed', closed_at = '2025-04-30T22:30:00Z', closed_by = $2, closure_code = 'completed'
        WHERE id = ANY($1)`,
      [caseIds.slice(0, 3), ss.users.coordinator.id],
    );
    await t.dataSource.transaction(async (manager) => {
      for (const table of ['reminder', 'case_step', 'case_participant']) {
        await manager.query(`DELETE FROM ${table} WHERE case_id = $1`, [caseIds[11]]);
      }
      await manager.query(`DELETE FROM collaboration_case WHERE id = $1`, [caseIds[11]]);
    });

    const recomputed = await t.dataSource.query<unknown[]>(RECOMPUTED, [routine.id]);
    expect(recomputed.length).toBeGreaterThan(50);
    expect(await t.dataSource.query(ROLLUPS, [routine.id])).toEqual(recomputed);
    // Concurrent completions spread over the slots rather than queueing on one row.
    const [{ slots }] = await t.dataSource.query<{ slots: number }[]>(
      `SELECT count(DISTINCT slot)::int AS slots FROM follow_up_rollup WHERE metric = 'completed' AND routine_id = $1`,
      [routine.id],
    );
    expect(slots).toBeGreaterThan(1);
  });

  it('are what the set-based rebuild (the backfill) makes of the same rows', async () => {
    const [{ owner }] = await t.dataSource.query<{ owner: boolean }[]>(
      `SELECT has_function_privilege('follow_up_rebuild()', 'EXECUTE') AS owner`,
    );
    if (!owner) {
      return; // the least-privilege run: the service role may not rebuild
    }
    const before = await t.dataSource.query<unknown[]>(ROLLUPS, [routine.id]);
    const snapshots = `SELECT case_id, scopes, contribution FROM follow_up_case_snapshot ORDER BY case_id`;
    const snapshotsBefore = await t.dataSource.query<unknown[]>(snapshots);
    await t.dataSource.query(`SELECT follow_up_rebuild()`);
    expect(await t.dataSource.query(ROLLUPS, [routine.id])).toEqual(before);
    expect(await t.dataSource.query(snapshots)).toEqual(snapshotsBefore);
  });
});
