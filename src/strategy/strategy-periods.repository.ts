import type { EntityManager } from 'typeorm';
import { queryBuilder } from '../database/query/query-builder';
import type { StrategyPeriodRow } from './entities/strategy.entities';

/** The SQL of strategy periods that is not the ORM's. Every function runs on the manager it is given. */
export const strategyPeriodsRepository = {
  /** Inserts the period unless its code is taken: true when inserted. */
  async insertNew(manager: EntityManager, period: StrategyPeriodRow): Promise<boolean> {
    const inserted = await queryBuilder(manager)
      .insertInto('strategy_period')
      .values(period)
      .onConflict((conflict) => conflict.column('code').doNothing())
      .returning('code')
      .executeTakeFirst();
    return inserted !== undefined;
  },
};
