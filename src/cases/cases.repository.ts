import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrganizationType } from '../organizations/organization-type';
import { ReminderStatus, ReminderSubject } from '../reminders/reminder-kind';
import type { RoutineDefinition } from '../routines/routine-definition';
import type { PlannedReminder } from './case-reminders';
import { CaseStatus } from './case-status';
import { CaseStep } from './entities/case-step.entity';
import type { CollaborationCase } from './entities/collaboration-case.entity';
import type { ParticipantOrganization } from './step-owners';

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

interface CaseRow {
  id: string;
  case_number: string;
  routine_id: string;
  routine_version: number;
  status: CaseStatus;
  opened_at: Date;
  opened_by: string;
  opened_by_organization_id: string;
  closed_at: Date | null;
  closed_by: string | null;
  closure_code: string | null;
  reference_organization_id: string | null;
  participants: string[];
}

export const CASE_COLUMNS = `c.id, c.case_number, c.routine_id, c.routine_version, c.status, c.opened_at, c.opened_by, c.opened_by_organization_id,
  c.closed_at, c.closed_by, c.closure_code, c.reference_organization_id`;

export const CASE_PARTICIPANTS = `array(SELECT p.organization_id::text FROM case_participant p WHERE p.case_id = c.id ORDER BY 1) AS participants`;

export const toCaseRecord = (row: Omit<CaseRow, 'participants'> & { participants?: string[] }): CaseRecord => ({
  id: row.id,
  caseNumber: row.case_number,
  routineId: row.routine_id,
  routineVersion: row.routine_version,
  status: row.status,
  openedAt: row.opened_at,
  openedBy: row.opened_by,
  openedByOrganizationId: row.opened_by_organization_id,
  closedAt: row.closed_at,
  closedBy: row.closed_by,
  closureCode: row.closure_code,
  referenceOrganizationId: row.reference_organization_id,
  participants: row.participants ?? [],
});

/** The SQL of cases, steps and their reminder rows. Every method runs on the manager it is given. */
@Injectable()
export class CasesRepository {
  /** The routine's published version to run (the latest unless named), share-locked so it cannot be retired meanwhile. */
  async routineVersionToRun(manager: EntityManager, routineId: string, version: number | undefined): Promise<RoutineVersionToRun | null> {
    const [row] = (await manager.query(
      `SELECT r.retired_at IS NOT NULL AS retired, v.version, v.definition
         FROM routine r
         LEFT JOIN routine_version v ON v.routine_id = r.id AND v.version = COALESCE($2::integer, r.latest_version)
        WHERE r.id = $1 AND r.latest_version IS NOT NULL
          FOR SHARE OF r`,
      [routineId, version ?? null],
    )) as { retired: boolean; version: number | null; definition: RoutineDefinition | null }[];
    return row ?? null;
  }

  async organizations(manager: EntityManager, ids: string[]): Promise<ParticipantOrganization[]> {
    return (await manager.query(`SELECT id, type FROM organization WHERE id = ANY($1::uuid[])`, [ids])) as { id: string; type: OrganizationType }[];
  }

  /** Inserts the case with the next number of its year (the counter row stays locked until commit). */
  async insertCase(manager: EntityManager, kase: NewCase): Promise<{ id: string; caseNumber: string }> {
    const [row] = (await manager.query(
      `WITH counter AS (
         INSERT INTO case_number_counter AS counter (year, last_value) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last_value = counter.last_value + 1
         RETURNING last_value)
       INSERT INTO collaboration_case (case_number, routine_id, routine_version, status, opened_at, opened_by, opened_by_organization_id,
                                       reference_hmac, reference_organization_id)
       SELECT $2 || lpad(counter.last_value::text, 6, '0'), $3, $4, 'open', $5, $6, $7, $8, $9 FROM counter
       RETURNING id, case_number`,
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
      ],
    )) as { id: string; case_number: string }[];
    return { id: row.id, caseNumber: row.case_number };
  }

  async insertParticipants(manager: EntityManager, caseId: string, organizationIds: string[]): Promise<void> {
    await manager.query(`INSERT INTO case_participant (case_id, organization_id) SELECT $1, unnest($2::uuid[])`, [caseId, organizationIds]);
  }

  async insertSteps(manager: EntityManager, steps: CaseStep[]): Promise<void> {
    await manager.insert(CaseStep, steps);
  }

  /** The case if the organisation takes part in it, else null; with `lock`, row-locked until commit. */
  async findVisible(manager: EntityManager, caseId: string, organizationId: string, lock = false): Promise<CaseRecord | null> {
    const [row] = (await manager.query(
      `SELECT ${CASE_COLUMNS}, ${CASE_PARTICIPANTS}
         FROM collaboration_case c
        WHERE c.id = $1 AND EXISTS (SELECT 1 FROM case_participant v WHERE v.case_id = c.id AND v.organization_id = $2)
        ${lock ? 'FOR UPDATE OF c' : ''}`,
      [caseId, organizationId],
    )) as CaseRow[];
    return row ? toCaseRecord(row) : null;
  }

  /** Read after the case lock is held, in a statement of its own, so it sees the last committed change. */
  async steps(manager: EntityManager, caseId: string): Promise<CaseStep[]> {
    return manager.find(CaseStep, { where: { caseId }, order: { position: 'ASC' } });
  }

  /** Writes what a step change touches: activation, due time and finishing. */
  async saveStep(manager: EntityManager, step: CaseStep): Promise<void> {
    const { caseId, key, status, activatedAt, dueAt, completedAt, completedBy, outcomeCode, reasonCode, note, metDeadline } = step;
    await manager.update(CaseStep, { caseId, key }, { status, activatedAt, dueAt, completedAt, completedBy, outcomeCode, reasonCode, note, metDeadline });
  }

  async close(manager: EntityManager, kase: CaseRecord): Promise<void> {
    await manager.query(`UPDATE collaboration_case SET status = $2, closed_at = $3, closed_by = $4, closure_code = $5 WHERE id = $1`, [
      kase.id,
      kase.status,
      kase.closedAt,
      kase.closedBy,
      kase.closureCode,
    ]);
  }

  async insertReminders(manager: EntityManager, caseId: string, reminders: PlannedReminder[]): Promise<void> {
    if (reminders.length === 0) return;
    await manager.query(
      `INSERT INTO reminder (kind, subject_type, case_id, step_key, organization_id, due_at)
       SELECT kind, $1, $2, step_key, organization_id, due_at
         FROM unnest($3::text[], $4::text[], $5::uuid[], $6::timestamptz[]) AS planned(kind, step_key, organization_id, due_at)`,
      [
        ReminderSubject.CaseStep,
        caseId,
        reminders.map((reminder) => reminder.kind),
        reminders.map((reminder) => reminder.stepKey),
        reminders.map((reminder) => reminder.organizationId),
        reminders.map((reminder) => reminder.dueAt),
      ],
    );
  }

  /** Pending reminders of finished steps will never be needed. */
  async cancelReminders(manager: EntityManager, caseId: string, stepKeys: string[]): Promise<void> {
    if (stepKeys.length === 0) return;
    await manager.query(
      `UPDATE reminder SET status = $1, updated_at = now() WHERE case_id = $2 AND step_key = ANY($3::text[]) AND status = $4`,
      [ReminderStatus.Cancelled, caseId, stepKeys, ReminderStatus.Pending],
    );
  }
}
