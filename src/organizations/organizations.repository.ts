import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryBuilder } from '../database/query/query-builder';
import { uuidArray } from '../database/query/typed-parameters';
import type { Organization } from './entities/organization.entity';

/** The SQL of organisations. Every method runs on the manager it is given. */
@Injectable()
export class OrganizationsRepository {
  /** The types of those of these organisations that exist. */
  async types(manager: EntityManager, ids: string[]): Promise<Pick<Organization, 'id' | 'type'>[]> {
    return queryBuilder(manager)
      .selectFrom('organization')
      .select(['id', 'type'])
      .where('id', '=', (eb) => eb.fn.any(uuidArray(ids)))
      .execute();
  }
}
