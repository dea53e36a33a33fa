import type { DataSource } from 'typeorm';
import { appendStagedEvents } from '../audit/audit-staged-append';
import type { OrganizationType } from '../organizations/organization-type';
import { ReminderKind } from '../reminders/reminder-kind';
import { recipientRoles } from '../reminders/reminder-recipients';
import { SCALE_MUNICIPALITIES } from './scale-county';

/** What the case history is made of: the routines, the units that take part in cases, and their caseworkers. */
export interface County {
  /** In library order; the first ones are run most often. */
  routines: { routineId: string; version: number }[];
  /** One organisation per municipality and type: the case participants. */
  units: { organizationId: string; type: OrganizationType; municipalityCode: string }[];
  caseworkers: { organizationId: string; userIds: string[] }[];
}

export interface CaseHistoryCounts {
  cases: number;
  openCases: number;
  steps: number;
  reminders: number;
  notifications: number;
  auditEvents: number;
  /** The organisation taking part in the most cases. */
  busiestOrganizationId: string | null;
}

/** How often each library routine is run, in library order (collaboration with the police the most). */
const ROUTINE_WEIGHTS = [0.35, 0.15, 0.15, 0.15, 0.1, 0.1];
/** Cases whose steps should all be done by now but one of which stalled: they stay open, overdue. */
const STALLED_SHARE = 0.04;
/** Finished steps that were skipped (reason `not_needed`) rather than done. */
const SKIPPED_SHARE = 0.06;
/** Notifications read by their recipient (two hours after they arrived). */
const READ_SHARE = 0.85;

const STAGING = [
  'seed_scale_routine',
  'seed_scale_step_def',
  'seed_scale_unit',
  'seed_scale_caseworkers',
  'seed_scale_team',
  'seed_scale_case',
  'seed_scale_audit',
];

/** Cumulative shares without the last one: the thresholds of width_bucket, which then answers a 0-based index. */
const thresholds = (weights: number[]) => {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.slice(0, -1).map((_, i) => weights.slice(0, i + 1).reduce((sum, weight) => sum + weight, 0) / total);
};

/**
 * `cases` cases over the three years before `now`, written set-based (INSERT … SELECT over generate_series): each
 * opened by the owner of its routine's first step in a municipality drawn by population, with one participant per
 * type its routine needs. Steps finish one after another, a random gap of 4 to 144 hours apart; a case whose steps
 * all fit before `now` is closed (a few stalled ones stay open and overdue), a younger one is open at the step
 * it has reached. Due times count calendar days (working-day routines are approximated). Every step that became
 * active has its reminder rows (sent, cancelled or pending as their times and the step's say), every sent reminder
 * its notifications to the roles `recipientRoles` names, and every change its audit event, chained in time order.
 */
export async function writeCaseHistory(
  dataSource: DataSource,
  county: County,
  options: { cases: number; now: Date; progress: (line: string) => void },
): Promise<CaseHistoryCounts> {
  const { now, progress } = options;
  // Rows made consistent by construction: a superuser skips the per-row foreign-key triggers, which would triple the time.
  const [{ superuser }] = await dataSource.query<{ superuser: boolean }[]>(
    `SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
  );
  /** Runs one statement, says how long it took, and gives the planner the statistics of what it wrote. */
  const run = async (label: string, sql: string, params: unknown[] = []) => {
    const started = Date.now();
    await dataSource.transaction(async (manager) => {
      if (superuser) {
        await manager.query(`SET LOCAL session_replication_role = replica`);
      }
      await manager.query(sql, params);
    });
    const written = /^\s*(?:CREATE UNLOGGED TABLE|INSERT INTO) (\w+)/.exec(sql)?.[1];
    if (written) {
      await dataSource.query(`ANALYZE ${written}`);
    }
    progress(`  ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
  const dropStaging = () => dataSource.query(`DROP TABLE IF EXISTS ${STAGING.join(', ')}`);
  await dropStaging();
  try {
    await run(
      'routines',
      `CREATE UNLOGGED TABLE seed_scale_routine AS
       SELECT (n - 1)::int AS no, routine_id, version FROM unnest($1::uuid[], $2::int[]) WITH ORDINALITY AS r(routine_id, version, n)`,
      [county.routines.map((routine) => routine.routineId), county.routines.map((routine) => routine.version)],
    );
    await run(
      'step definitions',
      `CREATE UNLOGGED TABLE seed_scale_step_def AS
       SELECT r.no, (s.ord - 1)::int AS position, s.def ->> 'key' AS key, s.def ->> 'title' AS title,
              s.def ->> 'responsibleOrganizationType' AS type,
              ARRAY(SELECT jsonb_array_elements_text(s.def -> 'dependsOn')) AS depends_on,
              s.def ->> 'dueAfter' AS due_after, s.def ->> 'dueFrom' AS due_from,
              COALESCE((s.def ->> 'workingDays')::boolean, false) AS working_days,
              s.def ->> 'remindBefore' AS remind_before, s.def ->> 'escalateAfter' AS escalate_after,
              ARRAY(SELECT jsonb_array_elements_text(s.def -> 'outcomeCodes')) AS outcome_codes,
              COALESCE((SELECT max(d.ord) - 1 FROM jsonb_array_elements(v.definition -> 'steps') WITH ORDINALITY AS d(def, ord)
                         WHERE s.def -> 'dependsOn' ? (d.def ->> 'key')), -1)::int AS last_dep,
              NULL::text[] AS activates
         FROM seed_scale_routine r
         JOIN routine_version v ON v.routine_id = r.routine_id AND v.version = r.version
        CROSS JOIN jsonb_array_elements(v.definition -> 'steps') WITH ORDINALITY AS s(def, ord)`,
    );
    // A step becomes active when the last of its dependencies (by position) finishes: which ones each finish activates.
    await dataSource.query(
      `UPDATE seed_scale_step_def d SET activates = ARRAY(SELECT o.key FROM seed_scale_step_def o WHERE o.no = d.no AND o.last_dep = d.position ORDER BY o.position)`,
    );
    const [{ unordered }] = await dataSource.query<{ unordered: number }[]>(
      `SELECT count(*)::int AS unordered FROM seed_scale_step_def WHERE last_dep >= position`,
    );
    if (unordered > 0) {
      throw new Error('a library routine lists a step before one of its dependencies');
    }

    await run(
      'unit',
      `CREATE UNLOGGED TABLE seed_scale_unit AS
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(organization_id, type, municipality_code)`,
      [
        county.units.map((unit) => unit.organizationId),
        county.units.map((unit) => unit.type),
        county.units.map((unit) => unit.municipalityCode),
      ],
    );
    await run(
      'caseworkers',
      `CREATE UNLOGGED TABLE seed_scale_caseworkers AS
       SELECT organization_id, ARRAY(SELECT jsonb_array_elements_text(user_ids))::uuid[] AS user_ids
         FROM jsonb_to_recordset($1::jsonb) AS w(organization_id uuid, user_ids jsonb)`,
      [JSON.stringify(county.caseworkers.map((w) => ({ organization_id: w.organizationId, user_ids: w.userIds })))],
    );
    // Per routine and municipality: the participants (sorted, as the service keeps them), the step owners and the opener.
    await run(
      'team',
      `CREATE UNLOGGED TABLE seed_scale_team AS
       SELECT r.no, m.code AS municipality_code,
              ARRAY(SELECT DISTINCT u.organization_id FROM seed_scale_step_def d
                      JOIN seed_scale_unit u ON u.type = d.type AND u.municipality_code = m.code WHERE d.no = r.no ORDER BY 1) AS participants,
              (SELECT jsonb_object_agg(d.key, u.organization_id) FROM seed_scale_step_def d
                 JOIN seed_scale_unit u ON u.type = d.type AND u.municipality_code = m.code WHERE d.no = r.no) AS owners,
              (SELECT u.organization_id FROM seed_scale_step_def d
                 JOIN seed_scale_unit u ON u.type = d.type AND u.municipality_code = m.code WHERE d.no = r.no AND d.position = 0) AS opener,
              (SELECT count(*)::int FROM seed_scale_step_def d WHERE d.no = r.no) AS steps
         FROM seed_scale_routine r CROSS JOIN (SELECT DISTINCT municipality_code AS code FROM seed_scale_unit) m`,
    );

    await run(
      `${options.cases} cases drawn`,
      `CREATE UNLOGGED TABLE seed_scale_case AS
       WITH drawn AS (
         SELECT i, date_trunc('milliseconds', $1::timestamptz - random() * interval '1095 days') AS opened_at,
                width_bucket(random(), $2::float8[]) AS m, width_bucket(random(), $3::float8[]) AS no,
                random() AS fate, random() AS progress,
                make_interval(secs => floor(3600 * (4 + 140 * power(random(), 2)))) AS gap
           FROM generate_series(1, $4::int) AS i
       ), placed AS (
         SELECT d.*, t.participants, t.opener, t.steps,
                d.opened_at + (t.steps + 0.25)::float8 * d.gap < $1::timestamptz AS all_fit
           FROM drawn d JOIN seed_scale_team t ON t.no = d.no AND t.municipality_code = ($5::text[])[d.m + 1]
       ), progressed AS (
         SELECT p.*, CASE WHEN p.all_fit AND p.fate >= $6 THEN p.steps
                          WHEN p.all_fit THEN floor(p.progress * p.steps)::int
                          ELSE least(p.steps - 1, floor(extract(epoch FROM $1::timestamptz - p.opened_at) / extract(epoch FROM p.gap)))::int END AS done
           FROM placed p
       )
       SELECT gen_random_uuid() AS id, g.i, g.opened_at, ($5::text[])[g.m + 1] AS municipality_code, g.no, r.routine_id, r.version,
              g.steps, g.gap, g.done, g.done = g.steps AS closed, g.participants, g.opener,
              w.user_ids[1 + g.i % cardinality(w.user_ids)] AS opened_by,
              CASE WHEN g.done = g.steps THEN date_trunc('milliseconds', g.opened_at + (g.steps + 0.25)::float8 * g.gap) END AS closed_at,
              'SAM-' || y.year || '-' || lpad(row_number() OVER (PARTITION BY y.year ORDER BY g.opened_at, g.i)::text, 6, '0') AS case_number,
              y.year
         FROM progressed g
         JOIN seed_scale_routine r ON r.no = g.no
         JOIN seed_scale_caseworkers w ON w.organization_id = g.opener
        CROSS JOIN LATERAL (SELECT extract(year FROM g.opened_at AT TIME ZONE 'Europe/Stockholm')::int AS year) y`,
      [
        now,
        thresholds(SCALE_MUNICIPALITIES.map((m) => m.weight)),
        thresholds(ROUTINE_WEIGHTS.slice(0, county.routines.length)),
        options.cases,
        SCALE_MUNICIPALITIES.map((m) => m.code),
        STALLED_SHARE,
      ],
    );
    const numbered = await dataSource.query<unknown[]>(
      `SELECT year, count(*)::int AS n FROM seed_scale_case GROUP BY year HAVING count(*) > 999999`,
    );
    if (numbered.length > 0) {
      throw new Error('more than 999,999 cases in one year: ask for fewer cases');
    }
    await dataSource.query(
      `INSERT INTO case_number_counter (year, last_value) SELECT year, count(*) FROM seed_scale_case GROUP BY year`,
    );
    await run(
      'collaboration_case',
      `INSERT INTO collaboration_case (id, case_number, routine_id, routine_version, status, opened_at, opened_by, opened_by_organization_id,
                                       closed_at, closed_by, closure_code)
       SELECT id, case_number, routine_id, version, CASE WHEN closed THEN 'closed' ELSE 'open' END, opened_at, opened_by, opener,
              closed_at, CASE WHEN closed THEN opened_by END, CASE WHEN closed THEN 'completed' END
         FROM seed_scale_case`,
    );
    await run(
      'case_participant',
      `INSERT INTO case_participant (case_id, organization_id) SELECT id, unnest(participants) FROM seed_scale_case`,
    );
    await run(
      'case_step',
      `INSERT INTO case_step (case_id, key, position, title, owner_organization_id, status, depends_on, due_after, due_from, working_days,
                              remind_before, escalate_after, outcome_codes, activated_at, due_at, completed_at, completed_by,
                              outcome_code, reason_code, note, met_deadline)
       SELECT c.id, d.key, d.position, d.title, u.organization_id, x.status, d.depends_on, d.due_after, d.due_from, d.working_days,
              d.remind_before, d.escalate_after, d.outcome_codes, x.activated_at, y.due_at, x.completed_at,
              CASE WHEN x.completed_at IS NOT NULL THEN w.user_ids[1 + (c.i + d.position) % cardinality(w.user_ids)] END,
              CASE WHEN x.status = 'done' THEN d.outcome_codes[1 + floor(random() * cardinality(d.outcome_codes))::int] END,
              CASE WHEN x.status = 'skipped' THEN 'not_needed' END,
              NULL, CASE WHEN x.completed_at IS NOT NULL THEN x.completed_at <= y.due_at END
         FROM seed_scale_case c
         JOIN seed_scale_step_def d ON d.no = c.no
         JOIN seed_scale_unit u ON u.municipality_code = c.municipality_code AND u.type = d.type
         JOIN seed_scale_caseworkers w ON w.organization_id = u.organization_id
        CROSS JOIN LATERAL (
          SELECT CASE WHEN d.position < c.done THEN CASE WHEN random() < $1 THEN 'skipped' ELSE 'done' END
                      WHEN d.last_dep < c.done THEN 'active' ELSE 'waiting' END AS status,
                 CASE WHEN d.last_dep < c.done THEN c.opened_at + (d.last_dep + 1) * c.gap END AS activated_at,
                 CASE WHEN d.position < c.done THEN c.opened_at + (d.position + 1) * c.gap END AS completed_at) x
        CROSS JOIN LATERAL (
          SELECT CASE WHEN x.activated_at IS NOT NULL
                      THEN CASE WHEN d.due_from = 'case_start' THEN c.opened_at ELSE x.activated_at END + d.due_after::interval END AS due_at) y`,
      [SKIPPED_SHARE],
    );
    // Every activated step's reminders: sent once due while the step was open, cancelled when it finished first, else pending.
    await run(
      'reminder',
      `INSERT INTO reminder (kind, subject_type, case_id, step_key, organization_id, due_at, status, sent_at, queued_at, created_at, updated_at)
       SELECT k.kind, 'case_step', s.case_id, s.key, s.owner_organization_id, k.due_at, z.status,
              CASE WHEN z.status = 'sent' THEN k.due_at END, CASE WHEN z.status = 'sent' THEN k.due_at END,
              s.activated_at, CASE z.status WHEN 'sent' THEN k.due_at WHEN 'cancelled' THEN s.completed_at ELSE s.activated_at END
         FROM seed_scale_case c
         JOIN case_step s ON s.case_id = c.id AND s.activated_at IS NOT NULL
        CROSS JOIN LATERAL (VALUES ('${ReminderKind.DueSoon}', s.due_at - s.remind_before::interval), ('${ReminderKind.Overdue}', s.due_at),
                                   ('${ReminderKind.Escalation}', s.due_at + s.escalate_after::interval)) AS k(kind, due_at)
        CROSS JOIN LATERAL (
          SELECT CASE WHEN s.completed_at IS NULL THEN CASE WHEN k.due_at <= $1 THEN 'sent' ELSE 'pending' END
                      WHEN k.due_at < s.completed_at THEN 'sent' ELSE 'cancelled' END AS status) z
        WHERE k.due_at IS NOT NULL`,
      [now],
    );
    const kinds = [ReminderKind.DueSoon, ReminderKind.Overdue, ReminderKind.Escalation];
    await run(
      'notification',
      `INSERT INTO notification (reminder_id, user_id, organization_id, kind, subject_type, case_id, case_number, step_key, title,
                                 remind_at, due_at, link, read_at, created_at)
       SELECT r.id, a.id, r.organization_id, r.kind, r.subject_type, r.case_id, c.case_number, r.step_key, s.title,
              r.due_at, s.due_at, '/api/v1/cases/' || r.case_id,
              CASE WHEN random() < $3 AND r.sent_at + interval '2 hours' <= $4 THEN r.sent_at + interval '2 hours' END, r.sent_at
         FROM seed_scale_case c
         JOIN reminder r ON r.case_id = c.id AND r.status = 'sent'
         JOIN case_step s ON s.case_id = r.case_id AND s.key = r.step_key
         JOIN unnest($1::text[], $2::text[]) AS kr(kind, roles) ON kr.kind = r.kind
         JOIN app_user a ON a.organization_id = r.organization_id AND a.active AND a.roles && kr.roles::text[]`,
      [kinds, kinds.map((kind) => `{${recipientRoles(kind).join(',')}}`), READ_SHARE, now],
    );

    const [head] = await dataSource.query<
      {
        sequence: string;
      }[]
    >(`SELECT sequence FROM audit_chain_head WHERE id = 1`);
    await run(
      'audit events staged',
      `CREATE UNLOGGED TABLE seed_scale_audit AS
       SELECT $1::bigint + row_number() OVER (ORDER BY e.occurred_at, e.rank, e.entity_id, e.tie) AS sequence,
              e.occurred_at, e.action, e.actor_type, e.actor_user_id, e.actor_organization_id, e.entity_type, e.entity_id,
              e.organization_ids, NULL::varchar AS request_id, NULL::varchar AS access_reason, e.data
         FROM (
           SELECT c.opened_at AS occurred_at, 0 AS rank, '' AS tie, 'case.created' AS action, 'user' AS actor_type,
                  c.opened_by AS actor_user_id, c.opener AS actor_organization_id, 'case' AS entity_type, c.id::text AS entity_id,
                  c.participants AS organization_ids,
                  jsonb_build_object('caseNumber', c.case_number, 'routineId', c.routine_id, 'routineVersion', c.version,
                                     'participants', to_jsonb(c.participants), 'owners', t.owners, 'hasExternalReference', false) AS data
             FROM seed_scale_case c JOIN seed_scale_team t ON t.no = c.no AND t.municipality_code = c.municipality_code
           UNION ALL
           SELECT s.completed_at, 1, lpad(s.position::text, 3, '0'),
                  CASE s.status WHEN 'done' THEN 'case.step.completed' ELSE 'case.step.skipped' END, 'user',
                  s.completed_by, s.owner_organization_id, 'case', c.id::text, c.participants,
                  jsonb_build_object('caseNumber', c.case_number, 'stepKey', s.key)
                    || CASE s.status WHEN 'done' THEN jsonb_build_object('outcomeCode', s.outcome_code)
                                     ELSE jsonb_build_object('reasonCode', s.reason_code) END
                    || jsonb_build_object('metDeadline', s.met_deadline, 'hasNote', false, 'activatedSteps', to_jsonb(d.activates))
             FROM seed_scale_case c
             JOIN case_step s ON s.case_id = c.id AND s.completed_at IS NOT NULL
             JOIN seed_scale_step_def d ON d.no = c.no AND d.key = s.key
           UNION ALL
           SELECT c.closed_at, 2, '', 'case.closed', 'user', c.opened_by, c.opener, 'case', c.id::text, c.participants,
                  jsonb_build_object('caseNumber', c.case_number, 'closureCode', 'completed', 'forced', false, 'skippedSteps', '[]'::jsonb)
             FROM seed_scale_case c WHERE c.closed
           UNION ALL
           SELECT r.sent_at, 3, '', 'reminder.sent', 'system', NULL, NULL, 'reminder', r.id::text, ARRAY[r.organization_id],
                  jsonb_build_object('kind', r.kind, 'subjectType', r.subject_type, 'caseId', r.case_id, 'stepKey', r.step_key,
                                     'adoptionId', NULL, 'dueAt', to_char(r.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                     'recipients', (SELECT count(*) FROM notification n WHERE n.reminder_id = r.id))
             FROM seed_scale_case c JOIN reminder r ON r.case_id = c.id AND r.status = 'sent'
         ) e`,
      [Number(head.sequence)],
    );
    await run('audit staging indexed', `ALTER TABLE seed_scale_audit ADD PRIMARY KEY (sequence)`);
    const chainStarted = Date.now();
    const auditEvents = await appendStagedEvents(dataSource, 'seed_scale_audit', (appended) => {
      if (appended % 500_000 < 20_000) {
        progress(`  ${appended} audit events chained`);
      }
    });
    progress(`  ${auditEvents} audit events chained (${((Date.now() - chainStarted) / 1000).toFixed(1)} s)`);
    // The rows went in with the triggers off (or would have refreshed the follow-up rollups case by case): rebuilt at once.
    await run('follow-up rollups', 'SELECT follow_up_rebuild()');
    await run('ANALYZE', 'ANALYZE');
    return await counts(dataSource, auditEvents);
  } finally {
    await dropStaging();
  }
}

async function counts(dataSource: DataSource, auditEvents: number): Promise<CaseHistoryCounts> {
  const [row] = await dataSource.query<Omit<CaseHistoryCounts, 'auditEvents'>[]>(
    `SELECT (SELECT count(*) FROM seed_scale_case)::int AS cases,
            (SELECT count(*) FROM seed_scale_case WHERE NOT closed)::int AS "openCases",
            (SELECT count(*) FROM case_step)::int AS steps,
            (SELECT count(*) FROM reminder WHERE subject_type = 'case_step')::int AS reminders,
            (SELECT count(*) FROM notification)::int AS notifications,
            (SELECT p.organization_id FROM case_participant p GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1) AS "busiestOrganizationId"`,
  );
  return { ...row, auditEvents };
}
