import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notVisible } from '../auth/not-visible.exception';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { notFound } from '../common/http/domain.exception';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination/pagination';
import { canReadAdoption, readsAllAdoptions } from './adoption-access';
import { SWEDISH_TODAY_SQL } from '../common/time/swedish-time';
import { RoutinesRepository } from '../routines/routines.repository';
import { adoptionViews, partnersOf } from './adoption-view';
import { AdoptionDto, AdoptionQueryDto } from './dto/adoption.dto';
import { FollowUpDto } from './dto/follow-up.dto';
import { Adoption } from './entities/adoption.entity';
import { AdoptionFollowUp } from './entities/adoption-follow-up.entity';

/** Past its review day by the Swedish calendar (as isFollowUpOverdue). */
const OVERDUE = `(a.status = 'adopted' AND a.next_review_due_at < ${SWEDISH_TODAY_SQL})`;

/** Reading adoptions and their follow-ups. */
@Injectable()
export class AdoptionQueriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly routines: RoutinesRepository,
  ) {}

  async get(user: AuthenticatedUser, id: string): Promise<AdoptionDto> {
    const adoption = await this.findVisible(user, id);
    return (await adoptionViews(this.dataSource.manager, this.routines, [adoption]))[0];
  }

  async list(user: AuthenticatedUser, query: AdoptionQueryDto): Promise<Page<AdoptionDto>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(Adoption, 'a')
      .innerJoin('organization', 'o', 'o.id = a.organization_id')
      .orderBy('a.id', 'ASC')
      .limit(query.limit + 1);
    if (!readsAllAdoptions(user)) {
      qb.andWhere(
        '(a.organization_id = :own OR EXISTS (SELECT 1 FROM adoption_partner p WHERE p.adoption_id = a.id AND p.organization_id = :own))',
        {
          own: user.organizationId,
        },
      );
    }
    if (query.goal !== undefined) {
      qb.innerJoin('routine_version', 'v', 'v.routine_id = a.routine_id AND v.version = a.routine_version').andWhere(
        `v.definition -> 'goals' @> CAST(:goal AS jsonb)`,
        { goal: JSON.stringify([query.goal]) },
      );
    }
    if (query.routineId) {
      qb.andWhere('a.routine_id = :routineId', { routineId: query.routineId });
    }
    if (query.organizationId) {
      qb.andWhere('a.organization_id = :organizationId', { organizationId: query.organizationId });
    }
    if (query.organizationType) {
      qb.andWhere('o.type = :organizationType', { organizationType: query.organizationType });
    }
    if (query.municipalityCode) {
      qb.andWhere('o.municipality_code = :municipalityCode', { municipalityCode: query.municipalityCode });
    }
    if (query.status) {
      qb.andWhere('a.status = :status', { status: query.status });
    }
    if (query.followUpOverdue) {
      qb.andWhere(query.followUpOverdue === 'true' ? OVERDUE : `NOT ${OVERDUE}`);
    }
    const after = decodeCursor(query.cursor, ['uuid']);
    if (after) {
      qb.andWhere('a.id > :after', { after: String(after[0]) });
    }

    const adoptions = await qb.getMany();
    const page = toPage(adoptions, query.limit, (a) => [a.id]);
    return {
      items: await adoptionViews(this.dataSource.manager, this.routines, page.items),
      nextCursor: page.nextCursor,
    };
  }

  /** Newest day first; follow-ups of one day by id. */
  async followUps(user: AuthenticatedUser, id: string, query: PageQueryDto): Promise<Page<FollowUpDto>> {
    await this.findVisible(user, id);
    const qb = this.dataSource.manager
      .createQueryBuilder(AdoptionFollowUp, 'f')
      .where('f.adoption_id = :id', { id })
      .orderBy('f.performed_at', 'DESC')
      .addOrderBy('f.id', 'DESC')
      .limit(query.limit + 1);
    const after = decodeCursor(query.cursor, ['date', 'uuid']);
    if (after) {
      qb.andWhere('(f.performed_at, f.id) < (CAST(:at AS date), CAST(:afterId AS uuid))', {
        at: String(after[0]),
        afterId: String(after[1]),
      });
    }
    return toPage(
      await qb.getMany(),
      query.limit,
      (f) => [f.performedAt, f.id],
      (row) => FollowUpDto.from(row),
    );
  }

  private async findVisible(user: AuthenticatedUser, id: string): Promise<Adoption> {
    const adoption = await this.dataSource.manager.findOneBy(Adoption, { id });
    const partners = adoption ? ((await partnersOf(this.dataSource.manager, [id])).get(id) ?? []) : [];
    if (!adoption) {
      throw notFound('adoption');
    }
    if (!canReadAdoption(user, adoption.organizationId, partners)) {
      throw notVisible('adoption');
    }
    return adoption;
  }
}
