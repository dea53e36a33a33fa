import type { DataSource } from 'typeorm';
import { OrganizationType } from '../../src/organizations/organization-type';
import type { Role } from '../../src/common/auth/role';
import { createPublishedRoutine, routineDefinition, routineStep } from './routine-fixtures';

/**
 * Reminder rows for failure tests and benchmarks, no Jest globals. Reminders are written the way the cases
 * module writes them, for one open case whose step stays active (so every reminder still applies).
 */
export interface ActiveStep {
  caseId: string;
  stepKey: string;
  organizationId: string;
}

/** An organisation with one active caseworker and one coordinator, and a case whose only step it owns. */
export async function createActiveStep(dataSource: DataSource, municipalityCode = '0180'): Promise<ActiveStep> {
  const [{ id: organizationId }] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO organization (name, type, municipality_code) VALUES ('Reminder fixture ' || gen_random_uuid(), 'social_services', $1) RETURNING id`,
    [municipalityCode],
  );
  const users: Record<string, string> = {};
  for (const role of ['caseworker', 'coordinator'] as Role[]) {
    const [{ id }] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO app_user (email, display_name, organization_id, roles, password_hash) VALUES ($1, $2, $3, $4, 'not-a-hash') RETURNING id`,
      [`${role}.${organizationId}@fixture.samverkan.local`, `Fixture ${role}`, organizationId, [role]],
    );
    users[role] = id;
  }
  const routine = await createPublishedRoutine(
    dataSource,
    { organizationId, userId: users.coordinator },
    routineDefinition([
      routineStep('follow_up', OrganizationType.SocialServices, { dueAfter: 'P30D', dueFrom: 'case_start' }),
    ]),
  );
  const [{ id: caseId }] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO collaboration_case (case_number, routine_id, routine_version, opened_at, opened_by, opened_by_organization_id)
     VALUES ('SAM-2099-' || lpad((floor(random() * 999999) + 1)::int::text, 6, '0'), $1, 1, now(), $2, $3) RETURNING id`,
    [routine.id, users.caseworker, organizationId],
  );
  await dataSource.query(`INSERT INTO case_participant (case_id, organization_id) VALUES ($1, $2)`, [
    caseId,
    organizationId,
  ]);
  await dataSource.query(
    `INSERT INTO case_step (case_id, key, position, title, owner_organization_id, status, depends_on, due_after, due_from, working_days, outcome_codes, activated_at, due_at)
     VALUES ($1, 'follow_up', 0, 'Uppföljning', $2, 'active', '{}', 'P30D', 'case_start', false, '{done}', now(), now() + interval '30 days')`,
    [caseId, organizationId],
  );
  return { caseId, stepKey: 'follow_up', organizationId };
}

/** Inserts overdue reminders for the step, one per due time; answers their ids. */
export async function insertReminders(dataSource: DataSource, step: ActiveStep, dueAts: Date[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < dueAts.length; start += 5000) {
    const rows = await dataSource.query<{ id: string }[]>(
      `INSERT INTO reminder (kind, subject_type, case_id, step_key, organization_id, due_at)
       SELECT 'overdue', 'case_step', $1, $2, $3, due_at FROM unnest($4::timestamptz[]) AS due(due_at) RETURNING id`,
      [step.caseId, step.stepKey, step.organizationId, dueAts.slice(start, start + 5000)],
    );
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

export interface DeliveryCounts {
  reminders: number;
  sent: number;
  notifications: number;
  /** Reminders with other than exactly one notification per recipient. */
  duplicated: number;
  audited: number;
  outbox: number;
}

/** How the reminders fared: sent, and the notification, audit and outbox rows each left behind. */
export async function deliveryCounts(dataSource: DataSource, ids: string[]): Promise<DeliveryCounts> {
  const [row] = await dataSource.query<DeliveryCounts[]>(
    `SELECT
       (SELECT count(*) FROM reminder WHERE id = ANY($1::uuid[]))::int AS reminders,
       (SELECT count(*) FROM reminder WHERE id = ANY($1::uuid[]) AND status = 'sent')::int AS sent,
       (SELECT count(*) FROM notification WHERE reminder_id = ANY($1::uuid[]))::int AS notifications,
       (SELECT count(*) FROM (SELECT reminder_id, user_id FROM notification WHERE reminder_id = ANY($1::uuid[]) GROUP BY 1, 2 HAVING count(*) > 1) d)::int AS duplicated,
       (SELECT count(*) FROM audit_event WHERE action = 'reminder.sent' AND entity_id = ANY($1::text[]))::int AS audited,
       (SELECT count(*) FROM outbox_event WHERE type = 'notification.created' AND payload->>'reminderId' = ANY($1::text[]))::int AS outbox`,
    [ids],
  );
  return row;
}
