import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
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

  /** Re-parentings take turns until commit: two at once (A under B, B under A) would each pass the cycle check alone. */
  async lockReparenting(manager: EntityManager): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(748213003)`.execute(queryBuilder(manager));
  }

  /** Whether `id` is `parentId` or one of its ancestors: making it the parent's child would close a cycle. */
  async isSelfOrAncestor(manager: EntityManager, id: string, parentId: string): Promise<boolean> {
    const { rows } = await sql<{ cyclic: boolean }>`WITH RECURSIVE ancestors(id) AS (
         SELECT ${parentId}::uuid UNION SELECT o.parent_id FROM organization o JOIN ancestors a ON o.id = a.id WHERE o.parent_id IS NOT NULL)
       SELECT EXISTS (SELECT 1 FROM ancestors WHERE id = ${id}::uuid) AS cyclic`.execute(queryBuilder(manager));
    return rows[0].cyclic;
  }

  /** Whether any organisation exists yet. */
  async any(manager: EntityManager): Promise<boolean> {
    const row = await queryBuilder(manager).selectFrom('organization').select('id').limit(1).executeTakeFirst();
    return row !== undefined;
  }
}
