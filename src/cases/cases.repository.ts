import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrganizationType } from '../organizations/organization-type';
import { ReminderStatus, ReminderSubject } from '../reminders/reminder-kind';
import type { RoutineDefinition } from '../routines/routine-definition';
import type { PlannedReminder } from './case-reminders';
import { CaseRef, caseRefColumn } from './case-ref';
import { CaseStep } from './entities/case-step.entity';
import type { CollaborationCase } from './entities/collaboration-case.entity';
import type { ParticipantOrganization } from './step-owners';

/** Case numbers are `SAM-<year>-<six digits>`: the last one a year can give. */
export const LAST_CASE_NUMBER = 999_999;

/** A case as the services work with it: the row (without its reference HMAC) and its participants. */
export interface CaseRecord extends Omit<CollaborationCase, 'referenceHmac'> {
  participants: string[];
}

export interface RoutineVersionToRun {
  retired: boolean;
  /** Null when the requested version does not exist. */
  version: number | null;
  definition: RoutineDefinition | null;
}

export interface NewCase {
  year: number;
  routineId: string;
  routineVersion: number;
  openedAt: Date;
  openedBy: string;
  openedByOrganizationId: string;
  referenceHmac: Buffer | null;
  referenceOrganizationId: string | null;
}

type Columns<T> = { readonly [Property in keyof T]-?: string };

const CASE_FIELDS: Columns<Omit<CaseRecord, 'participants'>> = {
  id: 'id',
  caseNumber: 'case_number',
  routineId: 'routine_id',
  routineVersion: 'routine_version',
  status: 'status',
  openedAt: 'opened_at',
  openedBy: 'opened_by',
  openedByOrganizationId: 'opened_by_organization_id',
  closedAt: 'closed_at',
  closedBy: 'closed_by',
  closureCode: 'closure_code',
  referenceOrganizationId: 'reference_organization_id',
};

const STEP_FIELDS: Columns<CaseStep> = {
  caseId: 'case_id',
  key: 'key',
  position: 'position',
  title: 'title',
  ownerOrganizationId: 'owner_organization_id',
  status: 'status',
  dependsOn: 'depends_on',
  dueAfter: 'due_after',
  dueFrom: 'due_from',
  workingDays: 'working_days',
  remindBefore: 'remind_before',
  escalateAfter: 'escalate_after',
  outcomeCodes: 'outcome_codes',
  activatedAt: 'activated_at',
  dueAt: 'due_at',
  completedAt: 'completed_at',
  completedBy: 'completed_by',
  outcomeCode: 'outcome_code',
  reasonCode: 'reason_code',
  note: 'note',
  metDeadline: 'met_deadline',
  conditions: 'conditions',
  assessmentMethods: 'assessment_methods',
  assessmentMethod: 'assessment_method',
  assessmentLevel: 'assessment_level',
};

/** `alias.column AS "<prefix>property"` for each field: rows come back shaped like the entity. */
const select = (alias: string, fields: Record<string, string>, prefix = '') =>
  Object.entries(fields)
    .map(([property, column]) => `${alias}.${column} AS "${prefix}${property}"`)
    .join(', ');

/** The case columns of `collaboration_case c`, as CaseRecord properties (participants aside). */
export const CASE_COLUMNS = select('c', CASE_FIELDS);
const participantsAs = (property: string) =>
  `array(SELECT p.organization_id::text FROM case_participant p WHERE p.case_id = c.id ORDER BY 1) AS "${property}"`;
/** The participants of `collaboration_case c`, as the `participants` property. */
export const CASE_PARTICIPANTS = participantsAs('participants');
const STEP_COLUMNS = select('s', STEP_FIELDS);
const VISIBLE_TO = (organizationParameter: string) =>
  `EXISTS (SELECT 1 FROM case_participant v WHERE v.case_id = c.id AND v.organization_id = ${organizationParameter})`;

/** The SQL of cases, steps and their reminder rows. Every method runs on the manager it is given. */
@Injectable()
export class CasesRepository {
  /** The routine's published version to run (the latest unless named), share-locked so it cannot be retired meanwhile. */
  async routineVersionToRun(
    manager: EntityManager,
    routineId: string,
    version: number | undefined,
  ): Promise<RoutineVersionToRun | null> {
    const [row] = (await manager.query(
      `SELECT r.retired_at IS NOT NULL AS retired, v.version, v.definition
         FROM routine r
         LEFT JOIN routine_version v ON v.routine_id = r.id AND v.version = COALESCE($2::integer, r.latest_version)
        WHERE r.id = $1 AND r.latest_version IS NOT NULL
          FOR SHARE OF r`,
      [routineId, version ?? null],
    )) as RoutineVersionToRun[];
    return row ?? null;
  }

  async organizations(manager: EntityManager, ids: string[]): Promise<ParticipantOrganization[]> {
    return (await manager.query(`SELECT id, type FROM organization WHERE id = ANY($1::uuid[])`, [ids])) as {
      id: string;
      type: OrganizationType;
    }[];
  }

  /**
   * Inserts the case with the next number of its year (the counter row stays locked until commit), or returns
   * null when the year's numbers are used up: the counter then stays as it is and nothing is inserted.
   */
  async insertCase(manager: EntityManager, kase: NewCase): Promise<{ id: string; caseNumber: string } | null> {
    const [row] = (await manager.query(
      `WITH counter AS (
         INSERT INTO case_number_counter AS counter (year, last_value) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last_value = counter.last_value + 1 WHERE counter.last_value < $10
         RETURNING last_value)
       INSERT INTO collaboration_case (case_number, routine_id, routine_version, status, opened_at, opened_by, opened_by_organization_id,
                                       reference_hmac, reference_organization_id)
       SELECT $2 || lpad(counter.last_value::text, 6, '0'), $3, $4, 'open', $5, $6, $7, $8, $9 FROM counter
       RETURNING id, case_number AS "caseNumber"`,
      [
        kase.year,
        `SAM-${kase.year}-`,
        kase.routineId,
        kase.routineVersion,
        kase.openedAt,
        kase.openedBy,
        kase.openedByOrganizationId,
        kase.referenceHmac,
        kase.referenceOrganizationId,
        LAST_CASE_NUMBER,
      ],
    )) as { id: string; caseNumber: string }[];
    return row ?? null;
  }

  async insertParticipants(manager: EntityManager, caseId: string, organizationIds: string[]): Promise<void> {
    await manager.query(`INSERT INTO case_participant (case_id, organization_id) SELECT $1, unnest($2::uuid[])`, [
      caseId,
      organizationIds,
    ]);
  }

  async insertSteps(manager: EntityManager, steps: CaseStep[]): Promise<void> {
    await manager.insert(CaseStep, steps);
  }

  /** Whether the case exists at all, whoever takes part in it: tells a denied read from a missing case. */
  async exists(manager: EntityManager, ref: CaseRef): Promise<boolean> {
    const { column, value } = caseRefColumn(ref);
    const rows = (await manager.query(`SELECT 1 FROM collaboration_case WHERE ${column} = $1`, [value])) as unknown[];
    return rows.length > 0;
  }

  /** The case if the organisation takes part in it, else null. */
  async findVisible(manager: EntityManager, ref: CaseRef, organizationId: string): Promise<CaseRecord | null> {
    const { column, value } = caseRefColumn(ref);
    const [row] = (await manager.query(
      `SELECT ${CASE_COLUMNS}, ${CASE_PARTICIPANTS} FROM collaboration_case c WHERE c.${column} = $1 AND ${VISIBLE_TO('$2')}`,
      [value, organizationId],
    )) as CaseRecord[];
    return row ?? null;
  }

  /**
   * The case and its steps in one statement, if the organisation takes part in it. With `lock`, the case and its
   * steps stay row-locked until commit: locking the steps as well makes a change that waited for the lock read
   * their committed state (READ COMMITTED re-reads locked rows), so every change of a case sees the one before it.
   */
  async caseWithSteps(
    manager: EntityManager,
    ref: CaseRef,
    organizationId: string,
    lock = false,
  ): Promise<{ kase: CaseRecord; steps: CaseStep[] } | null> {
    const { column, value } = caseRefColumn(ref);
    const rows = (await manager.query(
      `SELECT ${select('c', CASE_FIELDS, 'case.')}, ${participantsAs('case.participants')}, ${STEP_COLUMNS}
         FROM collaboration_case c JOIN case_step s ON s.case_id = c.id
        WHERE c.${column} = $1 AND ${VISIBLE_TO('$2')}
        ORDER BY s.position
        ${lock ? 'FOR UPDATE' : ''}`,
      [value, organizationId],
    )) as Record<string, unknown>[];
    if (rows.length === 0) {
      return null;
    }
    const kase = Object.fromEntries(
      [...Object.keys(CASE_FIELDS), 'participants'].map((property) => [property, rows[0][`case.${property}`]]),
    ) as unknown as CaseRecord;
    const steps = rows.map(
      (row) =>
        Object.fromEntries(
          Object.keys(STEP_FIELDS).map((property) => [property, row[property]]),
        ) as unknown as CaseStep,
    );
    return { kase, steps };
  }

  /**
   * In one statement: writes the changed steps (activation, due time, finishing), cancels the pending reminders of
   * the finished ones and inserts the reminders of the activated ones.
   */
  async writeStepChanges(
    manager: EntityManager,
    caseId: string,
    changed: CaseStep[],
    finished: string[],
    reminders: PlannedReminder[],
  ): Promise<void> {
    const column = <Value>(read: (step: CaseStep) => Value) => changed.map(read);
    await manager.query(
      `WITH changed AS (
         UPDATE case_step s
            SET status = v.status, activated_at = v.activated_at, due_at = v.due_at, completed_at = v.completed_at, completed_by = v.completed_by,
                outcome_code = v.outcome_code, reason_code = v.reason_code, note = v.note, met_deadline = v.met_deadline,
                assessment_method = v.assessment_method, assessment_level = v.assessment_level
           FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::boolean[], $20::text[], $21::text[])
                AS v(key, status, activated_at, due_at, completed_at, completed_by, outcome_code, reason_code, note, met_deadline, assessment_method, assessment_level)
          WHERE s.case_id = $1 AND s.key = v.key),
       cancelled AS (
         UPDATE reminder SET status = $12, updated_at = now() WHERE case_id = $1 AND step_key = ANY($13::text[]) AND status = $14)
       INSERT INTO reminder (kind, subject_type, case_id, step_key, organization_id, due_at)
       SELECT planned.kind, $15, $1, planned.step_key, planned.organization_id, planned.due_at
         FROM unnest($16::text[], $17::text[], $18::uuid[], $19::timestamptz[]) AS planned(kind, step_key, organization_id, due_at)`,
      [
        caseId,
        column((step) => step.key),
        column((step) => step.status),
        column((step) => step.activatedAt),
        column((step) => step.dueAt),
        column((step) => step.completedAt),
        column((step) => step.completedBy),
        column((step) => step.outcomeCode),
        column((step) => step.reasonCode),
        column((step) => step.note),
        column((step) => step.metDeadline),
        ReminderStatus.Cancelled,
        finished,
        ReminderStatus.Pending,
        ReminderSubject.CaseStep,
        reminders.map((reminder) => reminder.kind),
        reminders.map((reminder) => reminder.stepKey),
        reminders.map((reminder) => reminder.organizationId),
        reminders.map((reminder) => reminder.dueAt),
        column((step) => step.assessmentMethod),
        column((step) => step.assessmentLevel),
      ],
    );
  }

  async close(manager: EntityManager, kase: CaseRecord): Promise<void> {
    await manager.query(
      `UPDATE collaboration_case SET status = $2, closed_at = $3, closed_by = $4, closure_code = $5 WHERE id = $1`,
      [kase.id, kase.status, kase.closedAt, kase.closedBy, kase.closureCode],
    );
  }
}
