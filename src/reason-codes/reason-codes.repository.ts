import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryBuilder } from '../database/query/query-builder';
import type { ReasonCode } from './entities/reason-code.entity';
import type { ReasonCodeKind } from './reason-code-kind';
import type { ReasonCodeStanding } from './reason-code-rules';

export type NewReasonCode = Pick<ReasonCode, 'kind' | 'code' | 'labelSv' | 'labelEn' | 'createdBy'>;

/** The SQL of the reason-code catalogue. Every method runs on the manager it is given. */
@Injectable()
export class ReasonCodesRepository {
  /** Whether the code is retired or system-only; undefined when its kind has no such code. */
  async standing(manager: EntityManager, kind: ReasonCodeKind, code: string): Promise<ReasonCodeStanding | undefined> {
    return queryBuilder(manager)
      .selectFrom('reason_code')
      .select((eb) => [eb('retiredAt', 'is not', null).$castTo<boolean>().as('retired'), 'systemOnly'])
      .where('kind', '=', kind)
      .where('code', '=', code)
      .executeTakeFirst();
  }

  /** Inserts the code unless its kind has it already (then undefined): a code keeps one meaning for good. */
  async insertIfNew(manager: EntityManager, reasonCode: NewReasonCode): Promise<{ createdAt: Date } | undefined> {
    return queryBuilder(manager)
      .insertInto('reason_code')
      .values(reasonCode)
      .onConflict((conflict) => conflict.columns(['kind', 'code']).doNothing())
      .returning('createdAt')
      .executeTakeFirst();
  }
}
