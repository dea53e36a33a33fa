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
}
