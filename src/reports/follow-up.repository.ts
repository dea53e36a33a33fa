import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FIRST_STRATEGY_PERIOD } from '../routines/routine-definition';
import {
  emptyCounts,
  FollowUpDimension,
  FollowUpFilters,
  FollowUpScope,
  GroupCounts,
  GroupKey,
  isTimeDimension,
  STEP_DIMENSIONS,
} from './follow-up-dimensions';
import { swedishDay } from '../common/time/swedish-time';
import { percentile } from './lead-time-histogram';
import { ReportPeriod, timeKeySql } from './report-period';

/** What one of the report's queries over the rows counts, and the instant that places it in the period. */
type Source = 'opened' | 'closed' | 'overdue';

export interface FollowUpQuery {
  period: ReportPeriod;
  groupBy: readonly FollowUpDimension[];
  filters: FollowUpFilters;
  scope: FollowUpScope;
}

export interface CountedGroup {
  key: GroupKey;
  counts: GroupCounts;
}

const EVENT_TIME: Record<Source, string> = {
  opened: 'c.opened_at',
  closed: 'c.closed_at',
  overdue: 's.due_at',
};

/** The strategy period a routine version names (versions written before periods were named: the first). */
export const PERIOD_OF_VERSION = `coalesce(v.definition->>'period', '${FIRST_STRATEGY_PERIOD}')`;

const AGGREGATES: Record<Source, string> = {
  opened: `count(DISTINCT c.id) AS "casesOpened"`,
  closed: `count(DISTINCT c.id) AS "casesClosed"`,
  overdue: `count(*) AS "overdueNow"`,
};

/**
 * The follow-up's counts. Steps finished, outcomes, lead times, escalations and (but for groupings by owner type or
 * municipality alone) cases opened and closed come from the daily rollups the triggers of migration FollowUpRollups
 * keep, so a report reads as many rows as there are distinct days × keys, however many cases there are;
 * `overdueNow` (and the case counts by owner type or municipality) are indexed range scans over the rows. SQL of
 * other features' tables (cases, steps, routines, organisations) is read here only, never written.
 */
@Injectable()
export class FollowUpRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async countGroups(query: FollowUpQuery): Promise<CountedGroup[]> {
    const groups = new Map<string, CountedGroup>();
    const groupOf = (key: GroupKey) => {
      const id = JSON.stringify(key);
      let group = groups.get(id);
      if (!group) {
        group = { key, counts: emptyCounts() };
        groups.set(id, group);
      }
      return group.counts;
    };
    const raw: Source[] = ['overdue', ...(caseRowsFromRollups(query) ? [] : (['opened', 'closed'] as Source[]))];
    const rollups: RollupSource[] = ['events', ...(caseRowsFromRollups(query) ? (['cases'] as RollupSource[]) : [])];
    const results = await this.runAll([
      ...raw.map((source) => groupedQuery(source, query)),
      ...rollups.map((source) => rollupQuery(source, query)),
    ]);
    raw.forEach((source, index) => {
      for (const row of results[index]) {
        addRow(source, groupOf(keyOf(query, row)), row);
      }
    });
    const leadTimes = new Map<GroupCounts, Map<number, number>>();
    for (const row of results.slice(raw.length).flat()) {
      const counts = groupOf(keyOf(query, row));
      addRollupRow(counts, row, leadTimes);
    }
    for (const [counts, histogram] of leadTimes) {
      counts.leadTimeHours = { p50: hours(percentile(histogram, 0.5)), p90: hours(percentile(histogram, 0.9)) };
    }
    return [...groups.values()];
  }

  /** The title of each routine's latest published version. */
  async routineTitles(routineIds: string[]): Promise<Map<string, string>> {
    if (routineIds.length === 0) {
      return new Map();
    }
    const rows = await this.dataSource.query<{ id: string; title: string }[]>(
      `SELECT r.id::text AS id, v.definition->>'title' AS title
         FROM routine r JOIN routine_version v ON v.routine_id = r.id AND v.version = r.latest_version
        WHERE r.id = ANY($1::uuid[])`,
      [routineIds],
    );
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  /** The title of each step (by routine id and key) in the latest published version that has it. */
  async stepTitles(routineIds: string[]): Promise<Map<string, string>> {
    if (routineIds.length === 0) {
      return new Map();
    }
    const rows = await this.dataSource.query<{ id: string; title: string }[]>(
      `SELECT DISTINCT ON (v.routine_id, step->>'key') v.routine_id::text || '/' || (step->>'key') AS id, step->>'title' AS title
         FROM routine_version v CROSS JOIN LATERAL jsonb_array_elements(v.definition->'steps') AS step
        WHERE v.routine_id = ANY($1::uuid[])
        ORDER BY v.routine_id, step->>'key', v.version DESC`,
      [routineIds],
    );
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  async organizationNames(organizationIds: string[]): Promise<Map<string, string>> {
    if (organizationIds.length === 0) {
      return new Map();
    }
    const rows = await this.dataSource.query<{ id: string; name: string }[]>(
      `SELECT id::text AS id, name FROM organization WHERE id = ANY($1::uuid[])`,
      [organizationIds],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /**
   * The sources' queries one after the other on one connection (a report takes one connection, and the machine's
   * cores are shared with the requests anyway), without JIT compilation: the planner guesses a hundred goals per
   * routine version, and for queries that run in milliseconds compiling took a second (seen in bench:reports).
   */
  private runAll(queries: { text: string; values: unknown[] }[]): Promise<Record<string, unknown>[][]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL jit = off`);
      const results: Record<string, unknown>[][] = [];
      for (const { text, values } of queries) {
        results.push(await manager.query<Record<string, unknown>[]>(text, values));
      }
      return results;
    });
  }
}

function addRow(source: Source, counts: GroupCounts, row: Record<string, unknown>): void {
  const count = (name: string) => Number(row[name] ?? 0);
  switch (source) {
    case 'opened':
      counts.casesOpened = count('casesOpened');
      break;
    case 'closed':
      counts.casesClosed = count('casesClosed');
      break;
    case 'overdue':
      counts.overdueNow = count('overdueNow');
      break;
  }
}

/** Hours to one decimal. */
const hours = (value: unknown) => (value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10);

/** One source's grouped query: its rows joined to what the dimensions and filters need, within the period. */
function groupedQuery(source: Source, { period, groupBy, filters, scope }: FollowUpQuery) {
  const values: unknown[] = [];
  const param = (value: unknown, cast = '') => {
    values.push(value);
    return `$${values.length}${cast}`;
  };
  const caseSource = source === 'opened' || source === 'closed';
  const needsStep =
    !caseSource ||
    groupBy.some((dimension) => STEP_DIMENSIONS.includes(dimension)) ||
    filters.organizationId !== undefined ||
    filters.organizationType !== undefined ||
    filters.municipalityCode !== undefined;
  const needsOwner =
    groupBy.includes('organizationType') ||
    groupBy.includes('municipality') ||
    filters.organizationType !== undefined ||
    filters.municipalityCode !== undefined;
  const needsVersion =
    groupBy.includes('goal') ||
    groupBy.includes('measure') ||
    filters.goal !== undefined ||
    filters.measure !== undefined ||
    filters.period !== undefined;

  const from: string[] = [];
  if (caseSource) {
    from.push(`collaboration_case c`);
    if (needsStep) {
      from.push(`JOIN case_step s ON s.case_id = c.id`);
    }
  } else {
    from.push(`case_step s`, `JOIN collaboration_case c ON c.id = s.case_id`);
  }
  if (needsOwner) {
    from.push(`JOIN organization o ON o.id = s.owner_organization_id`);
  }
  if (needsVersion) {
    from.push(`JOIN routine_version v ON v.routine_id = c.routine_id AND v.version = c.routine_version`);
  }
  if (groupBy.includes('goal')) {
    from.push(`CROSS JOIN LATERAL jsonb_array_elements_text(v.definition->'goals') AS g(goal)`);
  }
  if (groupBy.includes('measure')) {
    from.push(`CROSS JOIN LATERAL jsonb_array_elements_text(v.definition->'measures') AS m(measure)`);
  }

  const time = EVENT_TIME[source];
  const where = [
    `${time} >= ${param(period.start, '::timestamptz')}`,
    `${time} < ${param(period.end, '::timestamptz')}`,
  ];
  if (source === 'overdue') {
    // Active at asOf: activated by then and not yet finished then (a step finished since counts as it was). Each arm
    // of the OR matches a partial index (active by due time, finished by completion time), so the planner can
    // BitmapOr two range scans; written as `completed_at > asOf` alone it read every step.
    const asOf = param(period.asOf, '::timestamptz');
    where.push(
      `s.activated_at <= ${asOf}`,
      `(s.status = 'active' OR (s.status IN ('done', 'skipped') AND s.completed_at > ${asOf}))`,
    );
  }
  where.push(
    ...filterPredicates(filters, groupBy, param, { routine: 'c.routine_id', owner: 's.owner_organization_id' }),
  );
  if (scope.kind === 'participant') {
    where.push(
      `EXISTS (SELECT 1 FROM case_participant p WHERE p.case_id = c.id AND p.organization_id = ${param(scope.organizationId, '::uuid')})`,
    );
  }

  const keys = groupBy.map((dimension, index) => `${dimensionSql(dimension, time)} AS d${index}`);
  const grouping = groupBy.map((_, index) => `d${index}`);
  const text = `SELECT ${[...keys, AGGREGATES[source]].join(', ')}
                  FROM ${from.join(' ')}
                 WHERE ${where.join(' AND ')}
                 ${grouping.length > 0 ? `GROUP BY ${grouping.join(', ')}` : ''}`;
  return { text, values };
}

function dimensionSql(dimension: FollowUpDimension, time: string): string {
  if (isTimeDimension(dimension)) {
    return timeKeySql(dimension, time);
  }
  switch (dimension) {
    case 'goal':
      return 'g.goal';
    case 'measure':
      return 'm.measure';
    case 'routine':
      return 'c.routine_id::text';
    case 'step':
      return `c.routine_id::text || '/' || s.key`;
    case 'organization':
      return 's.owner_organization_id::text';
    case 'organizationType':
      return 'o.type::text';
    case 'municipality':
      return 'o.municipality_code::text';
  }
}

/** The rollups' two readings: step events (counts, lead-time buckets, outcomes, escalations) and case counts. */
type RollupSource = 'events' | 'cases';

const NIL_ID = '00000000-0000-0000-0000-000000000000';
const EVENT_METRICS = ['completed', 'skipped', 'on_time', 'lead', 'outcome', 'escalation'];

const keyOf = (query: FollowUpQuery, row: Record<string, unknown>): GroupKey =>
  query.groupBy.map((_, dimension) => row[`d${dimension}`] as string);

/**
 * Which case rows of the rollups count each case once per group: one per case, per (case, step) (a step has one
 * owner, so its type and municipality too) or per (case, owner organisation). Grouped or filtered by owner type or
 * municipality alone, a case with two such owners would count twice: those reports count cases from the rows.
 */
function caseMetricOf({ groupBy, filters }: FollowUpQuery): '' | '_step' | '_owner' | null {
  if (groupBy.includes('step')) {
    return '_step';
  }
  if (groupBy.includes('organization') || filters.organizationId !== undefined) {
    return '_owner';
  }
  const byOwnerKind =
    groupBy.includes('organizationType') ||
    groupBy.includes('municipality') ||
    filters.organizationType !== undefined ||
    filters.municipalityCode !== undefined;
  return byOwnerKind ? null : '';
}
const caseRowsFromRollups = (query: FollowUpQuery) => caseMetricOf(query) !== null;

function addRollupRow(
  counts: GroupCounts,
  row: Record<string, unknown>,
  leadTimes: Map<GroupCounts, Map<number, number>>,
): void {
  const value = Number(row.value);
  const metric = row.metric as string;
  switch (metric) {
    case 'opened':
    case 'opened_step':
    case 'opened_owner':
      counts.casesOpened += value;
      break;
    case 'closed':
    case 'closed_step':
    case 'closed_owner':
      counts.casesClosed += value;
      break;
    case 'completed':
      counts.stepsCompleted += value;
      break;
    case 'skipped':
      counts.stepsSkipped += value;
      break;
    case 'on_time':
      counts.stepsCompletedOnTime += value;
      break;
    case 'escalation':
      counts.escalations += value;
      break;
    case 'outcome':
      if (value !== 0) {
        counts.outcomes[row.bucket as string] = (counts.outcomes[row.bucket as string] ?? 0) + value;
      }
      break;
    case 'lead': {
      const histogram = leadTimes.get(counts) ?? new Map<number, number>();
      const bucket = Number(row.bucket);
      histogram.set(bucket, (histogram.get(bucket) ?? 0) + value);
      leadTimes.set(counts, histogram);
      break;
    }
  }
}

/** One reading of the rollups, grouped by the dimensions, per metric and bucket, over the period's days. */
function rollupQuery(source: RollupSource, { period, groupBy, filters, scope }: FollowUpQuery) {
  const values: unknown[] = [];
  const param = (value: unknown, cast = '') => {
    values.push(value);
    return `$${values.length}${cast}`;
  };
  const lastDay = swedishDay(new Date(Math.max(period.start.getTime(), period.end.getTime() - 1)));
  const caseMetric = caseMetricOf({ period, groupBy, filters, scope }) ?? '';
  const metrics = source === 'events' ? EVENT_METRICS : [`opened${caseMetric}`, `closed${caseMetric}`];
  const from = [`follow_up_rollup u`];
  const needsOwner =
    groupBy.includes('organizationType') ||
    groupBy.includes('municipality') ||
    filters.organizationType !== undefined ||
    filters.municipalityCode !== undefined;
  if (needsOwner) {
    from.push(`JOIN organization o ON o.id = u.owner_organization_id`);
  }
  const needsVersion =
    groupBy.includes('goal') ||
    groupBy.includes('measure') ||
    filters.goal !== undefined ||
    filters.measure !== undefined ||
    filters.period !== undefined;
  if (needsVersion) {
    from.push(`JOIN routine_version v ON v.routine_id = u.routine_id AND v.version = u.routine_version`);
  }
  if (groupBy.includes('goal')) {
    from.push(`CROSS JOIN LATERAL jsonb_array_elements_text(v.definition->'goals') AS g(goal)`);
  }
  if (groupBy.includes('measure')) {
    from.push(`CROSS JOIN LATERAL jsonb_array_elements_text(v.definition->'measures') AS m(measure)`);
  }
  const where = [
    `u.scope_organization_id = ${param(scope.kind === 'participant' ? scope.organizationId : NIL_ID, '::uuid')}`,
    `u.day >= ${param(period.from, '::date')}`,
    `u.day <= ${param(lastDay, '::date')}`,
    `u.metric = ANY(${param(metrics, '::text[]')})`,
  ];
  if (source === 'events') {
    // Step events are kept twice: per step and owner, and under step key '*' for reports that need neither.
    const perStep =
      groupBy.some((dimension) => STEP_DIMENSIONS.includes(dimension)) ||
      filters.organizationId !== undefined ||
      needsOwner;
    where.push(perStep ? `u.step_key <> '*'` : `u.step_key = '*'`);
  }
  where.push(
    ...filterPredicates(filters, groupBy, param, { routine: 'u.routine_id', owner: 'u.owner_organization_id' }),
  );
  const keys = groupBy.map((dimension, index) => `${rollupDimensionSql(dimension)} AS d${index}`);
  const grouping = [...groupBy.map((_, index) => `d${index}`), 'u.metric', 'u.bucket'];
  const text = `SELECT ${[...keys, 'u.metric AS metric', 'u.bucket AS bucket', 'sum(u.value) AS value'].join(', ')}
                  FROM ${from.join(' ')}
                 WHERE ${where.join(' AND ')}
                 GROUP BY ${grouping.join(', ')}
                HAVING sum(u.value) <> 0`;
  return { text, values };
}

function rollupDimensionSql(dimension: FollowUpDimension): string {
  switch (dimension) {
    case 'month':
      return `to_char(u.day, 'YYYY-MM')`;
    case 'quarter':
      return `to_char(u.day, 'YYYY-"Q"Q')`;
    case 'year':
      return `to_char(u.day, 'YYYY')`;
    case 'goal':
      return 'g.goal';
    case 'measure':
      return 'm.measure';
    case 'routine':
      return 'u.routine_id::text';
    case 'step':
      return `u.routine_id::text || '/' || u.step_key`;
    case 'organization':
      return 'u.owner_organization_id::text';
    case 'organizationType':
      return 'o.type::text';
    case 'municipality':
      return 'o.municipality_code::text';
  }
}

/** The predicates of the report's filters (and of goal × measure pairing), over the routine and owner columns given. */
function filterPredicates(
  filters: FollowUpFilters,
  groupBy: readonly string[],
  param: (value: unknown, cast?: string) => string,
  columns: { routine: string; owner: string },
): string[] {
  const where: string[] = [];
  if (groupBy.includes('goal') && groupBy.includes('measure')) {
    where.push(`split_part(m.measure, '.', 1) = g.goal`);
  }
  if (filters.period !== undefined) {
    where.push(`${PERIOD_OF_VERSION} = ${param(filters.period, '::text')}`);
  }
  if (filters.goal !== undefined) {
    where.push(`v.definition->'goals' @> jsonb_build_array(${param(filters.goal, '::int')})`);
  }
  if (filters.measure !== undefined) {
    where.push(`v.definition->'measures' @> jsonb_build_array(${param(filters.measure, '::text')})`);
  }
  if (filters.routineId !== undefined) {
    where.push(`${columns.routine} = ${param(filters.routineId, '::uuid')}`);
  }
  if (filters.organizationId !== undefined) {
    where.push(`${columns.owner} = ${param(filters.organizationId, '::uuid')}`);
  }
  if (filters.organizationType !== undefined) {
    where.push(`o.type = ${param(filters.organizationType, '::text')}`);
  }
  if (filters.municipalityCode !== undefined) {
    where.push(`o.municipality_code = ${param(filters.municipalityCode, '::text')}`);
  }
  return where;
}
