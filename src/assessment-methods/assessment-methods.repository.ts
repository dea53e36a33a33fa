import type { EntityManager } from 'typeorm';
import { AssessmentMethod } from './entities/assessment-method.entity';

/** The SQL of assessment methods that is not the ORM's. Every function runs on the manager it is given. */
export const assessmentMethodsRepository = {
  /** Inserts the method unless its code is taken: true when inserted. */
  async insertNew(manager: EntityManager, method: Omit<AssessmentMethod, 'createdAt'>): Promise<boolean> {
    const inserted = await manager.query<{ code: string }[]>(
      `INSERT INTO assessment_method (code, name_sv, name_en, assesses, period_code, measures, levels, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) ON CONFLICT (code) DO NOTHING RETURNING code`,
      [
        method.code,
        method.nameSv,
        method.nameEn,
        method.assesses,
        method.periodCode,
        method.measures,
        JSON.stringify(method.levels),
        method.createdBy,
      ],
    );
    return inserted.length > 0;
  },

  /** One keyset page of methods by code: up to `limit` rows after `afterCode`. */
  page(manager: EntityManager, afterCode: string | undefined, limit: number): Promise<AssessmentMethod[]> {
    const qb = manager.createQueryBuilder(AssessmentMethod, 'm').orderBy('m.code', 'ASC').limit(limit);
    if (afterCode !== undefined) {
      qb.andWhere('m.code > :after', { after: afterCode });
    }
    return qb.getMany();
  },
};
