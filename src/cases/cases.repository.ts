import { Injectable } from '@nestjs/common';
import { ExpressionBuilder, sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Database } from '../database/query/database';
import { queryBuilder } from '../database/query/query-builder';
import { uuidArray } from '../database/query/typed-parameters';
import { CaseRef, caseRefColumn } from './case-ref';
import { CaseStatus, CaseStepStatus } from './case-status';
import { CaseStep } from './entities/case-step.entity';
import type { CollaborationCase } from './entities/collaboration-case.entity';

/** Case numbers are `SAM-<year>-<six digits>`: the last one a year can give. */
export const LAST_CASE_NUMBER = 999_999;

/** A case as the services work with it: the row (without its reference HMAC) and its participants. */
export interface CaseRecord extends Omit<CollaborationCase, 'referenceHmac'> {
  participants: string[];
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

/** What a case list is filtered by, as the repository compares it (days already turned into instants). */
export interface CaseListFilter {
  caseNumber?: string;
  status?: CaseStatus;
  routineId?: string;
  /** A strategy goal the case's routine version serves. */
  goal?: number;
  /** Whether some active step is past its due time. */
  overdue?: boolean;
  /** Some step is owned by this organisation. */
  ownerOrganizationId?: string;
  /** Some active step is due before this instant. */
  dueBefore?: Date;
  openedFrom?: Date;
  openedBefore?: Date;
  openedAtOrBefore?: Date;
  /** The cursor: cases numbered below this one. */
  caseNumberBelow?: string;
}

export type CaseListRow = CaseRecord & { nextDueAt: Date | null };
export type CaseLookupRow = CaseRecord & { repeat: boolean };

/** The columns of a CaseRecord in `collaboration_case c` (the reference HMAC stays in the database). */
const CASE_COLUMNS = [
  'c.id',
  'c.caseNumber',
  'c.routineId',
  'c.routineVersion',
  'c.status',
  'c.openedAt',
  'c.openedBy',
  'c.openedByOrganizationId',
  'c.closedAt',
  'c.closedBy',
  'c.closureCode',
  'c.referenceOrganizationId',
] as const;

type WithCase = ExpressionBuilder<Database & { c: Database['collaboration_case'] }, 'c'>;

/** The participants of `collaboration_case c`, sorted, as the `participants` property. */
const participants = (eb: WithCase) =>
  sql<string[]>`array(${eb
    .selectFrom('case_participant as p')
    .select((sub) => sub.cast<string>('p.organizationId', 'text').as('organizationId'))
    .whereRef('p.caseId', '=', 'c.id')
    .orderBy(sql.lit(1))})`.as('participants');

/** Whether the organisation takes part in `collaboration_case c`. */
const visibleTo = (eb: WithCase, organizationId: string) =>
  eb.exists(
    eb
      .selectFrom('case_participant as v')
      .select(sql.lit(1).as('one'))
      .whereRef('v.caseId', '=', 'c.id')
      .where('v.organizationId', '=', organizationId),
  );

/** Whether some step of `collaboration_case c` meets the condition. */
const someStep = (eb: WithCase, condition: (step: WithStep) => ReturnType<WithStep['and']>) =>
  eb.exists(
    eb.selectFrom('case_step as s').select(sql.lit(1).as('one')).whereRef('s.caseId', '=', 'c.id').where(condition),
  );

type WithStep = ExpressionBuilder<
  Database & { c: Database['collaboration_case']; s: Database['case_step'] },
  'c' | 's'
>;

const ACTIVE = sql.lit(CaseStepStatus.Active);

/** The SQL of cases and their steps. Every method runs on the manager it is given. */
@Injectable()
export class CasesRepository {
  /**
   * Inserts the case with the next number of its year (the counter row stays locked until commit), or returns
   * null when the year's numbers are used up: the counter then stays as it is and nothing is inserted.
   */
  async insertCase(manager: EntityManager, kase: NewCase): Promise<{ id: string; caseNumber: string } | null> {
    const row = await queryBuilder(manager)
      .with('counter', (db) =>
        db
          .insertInto('case_number_counter')
          .values({ year: kase.year, lastValue: sql.lit(1) })
          .onConflict((conflict) =>
            conflict
              .column('year')
              .doUpdateSet({ lastValue: (eb) => eb('case_number_counter.lastValue', '+', sql.lit(1)) })
              .where('case_number_counter.lastValue', '<', LAST_CASE_NUMBER),
          )
          .returning('lastValue'),
      )
      .insertInto('collaboration_case')
      .columns([
        'caseNumber',
        'routineId',
        'routineVersion',
        'status',
        'openedAt',
        'openedBy',
        'openedByOrganizationId',
        'referenceHmac',
        'referenceOrganizationId',
      ])
      .expression((db) =>
        db
          .selectFrom('counter')
          .select((eb) => [
            sql<string>`${`SAM-${kase.year}-`} || lpad(${eb.ref('counter.lastValue')}::text, 6, '0')`.as('caseNumber'),
            eb.val(kase.routineId).as('routineId'),
            eb.val(kase.routineVersion).as('routineVersion'),
            sql.lit(CaseStatus.Open).as('status'),
            eb.val(kase.openedAt).as('openedAt'),
            eb.val(kase.openedBy).as('openedBy'),
            eb.val(kase.openedByOrganizationId).as('openedByOrganizationId'),
            eb.val(kase.referenceHmac).as('referenceHmac'),
            eb.val(kase.referenceOrganizationId).as('referenceOrganizationId'),
          ]),
      )
      .returning(['id', 'caseNumber'])
      .executeTakeFirst();
    return row ?? null;
  }

  async insertParticipants(manager: EntityManager, caseId: string, organizationIds: string[]): Promise<void> {
    const db = queryBuilder(manager);
    await db
      .insertInto('case_participant')
      .columns(['caseId', 'organizationId'])
      .expression(
        db.selectNoFrom((eb) => [
          eb.val(caseId).as('caseId'),
          eb.fn<string>('unnest', [uuidArray(organizationIds)]).as('organizationId'),
        ]),
      )
      .execute();
  }

  async insertSteps(manager: EntityManager, steps: CaseStep[]): Promise<void> {
    // TypeORM's insert writes the jsonb `conditions` as JSON (the pg driver would send an array as a SQL array).
    await manager.insert(CaseStep, steps);
  }

  /** Whether the case exists at all, whoever takes part in it: tells a denied read from a missing case. */
  async exists(manager: EntityManager, ref: CaseRef): Promise<boolean> {
    const { column, value } = caseRefColumn(ref);
    const row = await queryBuilder(manager)
      .selectFrom('collaboration_case')
      .select(sql.lit(1).as('one'))
      .where(column, '=', value)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The case if the organisation takes part in it, else null. */
  async findVisible(manager: EntityManager, ref: CaseRef, organizationId: string): Promise<CaseRecord | null> {
    const { column, value } = caseRefColumn(ref);
    const row = await queryBuilder(manager)
      .selectFrom('collaboration_case as c')
      .select((eb) => [...CASE_COLUMNS, participants(eb)])
      .where(`c.${column}`, '=', value)
      .where((eb) => visibleTo(eb, organizationId))
      .executeTakeFirst();
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
    const rows = await queryBuilder(manager)
      .selectFrom('collaboration_case as c')
      .innerJoin('case_step as s', 's.caseId', 'c.id')
      .selectAll('s')
      .select((eb) => [
        'c.id',
        'c.caseNumber',
        'c.routineId',
        'c.routineVersion',
        'c.status as caseStatus',
        'c.openedAt',
        'c.openedBy',
        'c.openedByOrganizationId',
        'c.closedAt',
        'c.closedBy',
        'c.closureCode',
        'c.referenceOrganizationId',
        participants(eb),
      ])
      .where(`c.${column}`, '=', value)
      .where((eb) => visibleTo(eb, organizationId))
      .orderBy('s.position')
      .$if(lock, (query) => query.forUpdate())
      .execute();
    if (rows.length === 0) {
      return null;
    }
    const [first] = rows;
    const kase: CaseRecord = {
      id: first.id,
      caseNumber: first.caseNumber,
      routineId: first.routineId,
      routineVersion: first.routineVersion,
      status: first.caseStatus,
      openedAt: first.openedAt,
      openedBy: first.openedBy,
      openedByOrganizationId: first.openedByOrganizationId,
      closedAt: first.closedAt,
      closedBy: first.closedBy,
      closureCode: first.closureCode,
      referenceOrganizationId: first.referenceOrganizationId,
      participants: first.participants,
    };
    const steps = rows.map(
      ({
        id: _id,
        caseNumber: _caseNumber,
        routineId: _routineId,
        routineVersion: _routineVersion,
        caseStatus: _caseStatus,
        openedAt: _openedAt,
        openedBy: _openedBy,
        openedByOrganizationId: _openedByOrganizationId,
        closedAt: _closedAt,
        closedBy: _closedBy,
        closureCode: _closureCode,
        referenceOrganizationId: _referenceOrganizationId,
        participants: _participants,
        ...step
      }): CaseStep => step,
    );
    return { kase, steps };
  }

  /** A page of the cases the organisation takes part in, newest number first, each with its next due time. */
  async listVisible(
    manager: EntityManager,
    organizationId: string,
    filter: CaseListFilter,
    limit: number,
  ): Promise<CaseListRow[]> {
    return queryBuilder(manager)
      .selectFrom('collaboration_case as c')
      .select((eb) => [
        ...CASE_COLUMNS,
        participants(eb),
        eb
          .selectFrom('case_step as s')
          .select((sub) => sub.fn.min('s.dueAt').as('dueAt'))
          .whereRef('s.caseId', '=', 'c.id')
          .where('s.status', '=', ACTIVE)
          .as('nextDueAt'),
      ])
      .where((eb) => {
        const conditions = [visibleTo(eb, organizationId)];
        const { goal, overdue, ownerOrganizationId, dueBefore } = filter;
        if (filter.caseNumber !== undefined) {
          conditions.push(eb('c.caseNumber', '=', filter.caseNumber));
        }
        if (filter.status !== undefined) {
          conditions.push(eb('c.status', '=', filter.status));
        }
        if (filter.routineId !== undefined) {
          conditions.push(eb('c.routineId', '=', filter.routineId));
        }
        if (goal !== undefined) {
          conditions.push(
            eb.exists(
              eb
                .selectFrom('routine_version as rv')
                .select(sql.lit(1).as('one'))
                .whereRef('rv.routineId', '=', 'c.routineId')
                .whereRef('rv.version', '=', 'c.routineVersion')
                .where((rv) => sql<boolean>`${rv.ref('rv.definition')} -> 'goals' @> ${JSON.stringify([goal])}::jsonb`),
            ),
          );
        }
        if (overdue !== undefined) {
          const someOverdue = someStep(eb, (s) =>
            s.and([s('s.status', '=', ACTIVE), s('s.dueAt', '<', sql<Date>`now()`)]),
          );
          conditions.push(overdue ? someOverdue : eb.not(someOverdue));
        }
        if (ownerOrganizationId !== undefined) {
          conditions.push(someStep(eb, (s) => s.and([s('s.ownerOrganizationId', '=', ownerOrganizationId)])));
        }
        if (dueBefore !== undefined) {
          conditions.push(someStep(eb, (s) => s.and([s('s.status', '=', ACTIVE), s('s.dueAt', '<', dueBefore)])));
        }
        if (filter.openedFrom !== undefined) {
          conditions.push(eb('c.openedAt', '>=', filter.openedFrom));
        }
        if (filter.openedBefore !== undefined) {
          conditions.push(eb('c.openedAt', '<', filter.openedBefore));
        }
        if (filter.openedAtOrBefore !== undefined) {
          conditions.push(eb('c.openedAt', '<=', filter.openedAtOrBefore));
        }
        if (filter.caseNumberBelow !== undefined) {
          conditions.push(eb('c.caseNumber', '<', filter.caseNumberBelow));
        }
        return eb.and(conditions);
      })
      .orderBy('c.caseNumber', 'desc')
      .limit(limit)
      .execute();
  }

  /**
   * The organisation's cases with this reference HMAC (at most `limit`), each flagged as a repeat when another case
   * with the same reference was opened in the organisation within the 12 months before it.
   */
  async findByReference(
    manager: EntityManager,
    organizationId: string,
    hmac: Buffer,
    limit: number,
  ): Promise<CaseLookupRow[]> {
    return queryBuilder(manager)
      .selectFrom('collaboration_case as c')
      .select((eb) => [
        ...CASE_COLUMNS,
        participants(eb),
        eb
          .exists(
            eb
              .selectFrom('collaboration_case as o')
              .select(sql.lit(1).as('one'))
              .whereRef('o.referenceOrganizationId', '=', 'c.referenceOrganizationId')
              .whereRef('o.referenceHmac', '=', 'c.referenceHmac')
              .whereRef('o.id', '<>', 'c.id')
              .whereRef('o.openedAt', '<=', 'c.openedAt')
              .where('o.openedAt', '>=', sql<Date>`${eb.ref('c.openedAt')} - interval '12 months'`),
          )
          .$castTo<boolean>()
          .as('repeat'),
      ])
      .where('c.referenceOrganizationId', '=', organizationId)
      .where('c.referenceHmac', '=', hmac)
      .where((eb) => visibleTo(eb, organizationId))
      .orderBy('c.caseNumber', 'desc')
      .limit(limit)
      .execute();
  }

  /** In one statement: writes the changed steps (activation, due time, finishing). Their reminders are the planner's. */
  async writeStepChanges(manager: EntityManager, caseId: string, changed: CaseStep[]): Promise<void> {
    if (changed.length === 0) {
      return;
    }
    const column = <Value>(read: (step: CaseStep) => Value) => changed.map(read);
    await manager.query(
      `UPDATE case_step s
          SET status = v.status, activated_at = v.activated_at, due_at = v.due_at, completed_at = v.completed_at, completed_by = v.completed_by,
              outcome_code = v.outcome_code, reason_code = v.reason_code, note = v.note, met_deadline = v.met_deadline,
              assessment_method = v.assessment_method, assessment_level = v.assessment_level
         FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::boolean[], $12::text[], $13::text[])
              AS v(key, status, activated_at, due_at, completed_at, completed_by, outcome_code, reason_code, note, met_deadline, assessment_method, assessment_level)
        WHERE s.case_id = $1 AND s.key = v.key`,
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
        column((step) => step.assessmentMethod),
        column((step) => step.assessmentLevel),
      ],
    );
  }

  async close(manager: EntityManager, kase: CaseRecord): Promise<void> {
    await queryBuilder(manager)
      .updateTable('collaboration_case')
      .set({ status: kase.status, closedAt: kase.closedAt, closedBy: kase.closedBy, closureCode: kase.closureCode })
      .where('id', '=', kase.id)
      .execute();
  }
}
