import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface OverdueGroup {
  organizationId: string;
  routineId: string;
  stepKey: string;
  overdueSteps: number;
  p50: number;
  max: number;
}

const HOURS_PAST_DUE = `extract(epoch FROM $2::timestamptz - s.due_at) / 3600`;

/** The steps active and past due now in the cases an organisation takes part in (by the active-steps-by-due index). */
@Injectable()
export class OverdueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async overdueGroups(organizationId: string, now: Date): Promise<OverdueGroup[]> {
    const rows = await this.dataSource.query<Record<keyof OverdueGroup, string>[]>(
      `SELECT s.owner_organization_id::text AS "organizationId", c.routine_id::text AS "routineId", s.key AS "stepKey",
              count(*) AS "overdueSteps",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${HOURS_PAST_DUE}) AS p50, max(${HOURS_PAST_DUE}) AS max
         FROM case_step s JOIN collaboration_case c ON c.id = s.case_id
        WHERE s.status = 'active' AND s.due_at < $2::timestamptz
          AND EXISTS (SELECT 1 FROM case_participant p WHERE p.case_id = c.id AND p.organization_id = $1::uuid)
        GROUP BY 1, 2, 3
        ORDER BY max DESC, 1, 2, 3`,
      [organizationId, now],
    );
    return rows.map((row) => ({
      organizationId: row.organizationId,
      routineId: row.routineId,
      stepKey: row.stepKey,
      overdueSteps: Number(row.overdueSteps),
      p50: Math.round(Number(row.p50) * 10) / 10,
      max: Math.round(Number(row.max) * 10) / 10,
    }));
  }
}
