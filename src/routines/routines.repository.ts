import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryBuilder } from '../database/query/query-builder';
import type { RoutineDefinition } from './routine-definition';

export interface RoutineVersionToRun {
  retired: boolean;
  /** Null when the requested version does not exist. */
  version: number | null;
  definition: RoutineDefinition | null;
}

/** The SQL of routines and their versions that other features need. Every method runs on the manager it is given. */
@Injectable()
export class RoutinesRepository {
  /** The routine's published version to run (the latest unless named), share-locked so it cannot be retired meanwhile. */
  async versionToRun(
    manager: EntityManager,
    routineId: string,
    version: number | undefined,
  ): Promise<RoutineVersionToRun | null> {
    const row = await queryBuilder(manager)
      .selectFrom('routine as r')
      .leftJoin('routine_version as v', (join) =>
        join
          .onRef('v.routineId', '=', 'r.id')
          .on('v.version', '=', (eb) =>
            eb.fn.coalesce(eb.cast<number | null>(eb.val(version ?? null), 'integer'), 'r.latestVersion'),
          ),
      )
      .select((eb) => [eb('r.retiredAt', 'is not', null).$castTo<boolean>().as('retired'), 'v.version', 'v.definition'])
      .where('r.id', '=', routineId)
      .where('r.latestVersion', 'is not', null)
      .forShare('r')
      .executeTakeFirst();
    return row ?? null;
  }

  /** The titles of these published versions, keyed `routineId/version` (one statement, one parameter per list). */
  async titles(
    manager: EntityManager,
    versions: { routineId: string; version: number }[],
  ): Promise<Map<string, string>> {
    const rows = await manager.query<{ routine_id: string; version: number; title: string }[]>(
      `SELECT v.routine_id, v.version, v.definition ->> 'title' AS title
         FROM routine_version v JOIN unnest($1::uuid[], $2::int[]) AS k(routine_id, version) USING (routine_id, version)`,
      [versions.map((v) => v.routineId), versions.map((v) => v.version)],
    );
    return new Map(rows.map((row) => [`${row.routine_id}/${row.version}`, row.title]));
  }

  /** The draft and published titles of an organisation's routines. */
  async titlesOwnedBy(manager: EntityManager, organizationId: string): Promise<string[]> {
    const rows = await manager.query<{ draft_title: string | null; published_title: string | null }[]>(
      `SELECT r.draft ->> 'title' AS draft_title, v.definition ->> 'title' AS published_title
         FROM routine r LEFT JOIN routine_version v ON v.routine_id = r.id AND v.version = r.latest_version
        WHERE r.owner_organization_id = $1`,
      [organizationId],
    );
    return rows
      .flatMap((row) => [row.draft_title, row.published_title])
      .filter((title): title is string => title !== null);
  }

  /** For each of these routines, the organisation types responsible for a step of any of its versions. */
  responsibleTypes(manager: EntityManager, routineIds: string[]): Promise<{ routineId: string; types: string[] }[]> {
    return manager.query<{ routineId: string; types: string[] }[]>(
      `SELECT v.routine_id AS "routineId", array_agg(DISTINCT s ->> 'responsibleOrganizationType') AS types
         FROM routine_version v CROSS JOIN jsonb_array_elements(v.definition -> 'steps') s
        WHERE v.routine_id = ANY($1::uuid[]) GROUP BY v.routine_id`,
      [routineIds],
    );
  }
}
