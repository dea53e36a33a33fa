import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CalendarDay } from '../common/time/swedish-time';
import { PERIOD_OF_VERSION } from './follow-up.repository';

export interface StrategyGoal {
  number: number;
  title: { sv: string; en: string };
  measures: string[];
}

export interface AdoptionCoverage {
  adoptingOrganizations: number;
  municipalitiesCovered: number;
}

/**
 * The reference data and adoption counts of the strategy follow-up: the strategy period of a year with its goals and
 * measures, the published routines per goal and measure, and per goal who in a county has a current adoption.
 * Read-only SQL over the strategy, routine, adoption and organisation tables.
 */
@Injectable()
export class StrategyFollowUpRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The goals (with their measures) of the strategy period in force during the year; the latest if several. */
  async goalsOfYear(year: number): Promise<{ periodCode: string; goals: StrategyGoal[] } | null> {
    const [period] = await this.dataSource.query<{ code: string }[]>(
      `SELECT code FROM strategy_period WHERE valid_from <= $2::date AND valid_to >= $1::date ORDER BY valid_from DESC LIMIT 1`,
      [`${year}-01-01`, `${year}-12-31`],
    );
    if (!period) {
      return null;
    }
    const goals = await this.dataSource.query<
      { number: number; title_sv: string; title_en: string; measures: string[] }[]
    >(
      `SELECT g.number, g.title_sv, g.title_en,
              array(SELECT m.code FROM strategy_measure m WHERE m.period_code = g.period_code AND m.goal_number = g.number ORDER BY m.position) AS measures
         FROM strategy_goal g WHERE g.period_code = $1 ORDER BY g.number`,
      [period.code],
    );
    return {
      periodCode: period.code,
      goals: goals.map((goal) => ({
        number: goal.number,
        title: { sv: goal.title_sv, en: goal.title_en },
        measures: goal.measures,
      })),
    };
  }

  /** Routines in use (published, not retired) whose latest version names each goal and each measure. */
  async publishedRoutines(periodCode: string): Promise<{ goals: Map<number, number>; measures: Map<string, number> }> {
    const rows = await this.dataSource.query<{ kind: 'goal' | 'measure'; value: string; routines: string }[]>(
      `WITH current AS (
         SELECT v.definition FROM routine r JOIN routine_version v ON v.routine_id = r.id AND v.version = r.latest_version
          WHERE r.retired_at IS NULL AND ${PERIOD_OF_VERSION} = $1)
       SELECT 'goal' AS kind, g.value, count(*) AS routines FROM current CROSS JOIN LATERAL jsonb_array_elements_text(definition->'goals') g GROUP BY g.value
       UNION ALL
       SELECT 'measure', m.value, count(*) FROM current CROSS JOIN LATERAL jsonb_array_elements_text(definition->'measures') m GROUP BY m.value`,
      [periodCode],
    );
    const goals = new Map<number, number>();
    const measures = new Map<string, number>();
    for (const row of rows) {
      if (row.kind === 'goal') {
        goals.set(Number(row.value), Number(row.routines));
      } else {
        measures.set(row.value, Number(row.routines));
      }
    }
    return { goals, measures };
  }

  /**
   * Per goal: the organisations of the county with an adoption in force on the day (adopted, approved by then, or
   * discontinued only later) of a routine version that names the goal, and the municipalities whose social services
   * have one.
   */
  async adoptionCoverage(
    periodCode: string,
    countyCode: string,
    day: CalendarDay,
    until: Date,
  ): Promise<Map<number, AdoptionCoverage>> {
    const rows = await this.dataSource.query<{ goal: string; organizations: string; municipalities: string }[]>(
      `SELECT g.value AS goal, count(DISTINCT a.organization_id) AS organizations,
              count(DISTINCT o.municipality_code) FILTER (WHERE o.type = 'social_services') AS municipalities
         FROM adoption a
         JOIN organization o ON o.id = a.organization_id
         JOIN routine_version v ON v.routine_id = a.routine_id AND v.version = a.routine_version
        CROSS JOIN LATERAL jsonb_array_elements_text(v.definition->'goals') g
        WHERE left(o.municipality_code, 2) = $1 AND a.approved_at <= $2::date AND ${PERIOD_OF_VERSION} = $4
          AND (a.status = 'adopted' OR (a.status = 'discontinued' AND a.discontinued_at >= $3::timestamptz))
        GROUP BY g.value`,
      [countyCode, day, until, periodCode],
    );
    return new Map(
      rows.map((row) => [
        Number(row.goal),
        { adoptingOrganizations: Number(row.organizations), municipalitiesCovered: Number(row.municipalities) },
      ]),
    );
  }
}
