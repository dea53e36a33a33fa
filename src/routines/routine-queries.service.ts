import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { notFound, unprocessable } from '../common/http/domain.exception';
import { suggestedRelink } from '../strategy/strategy-period-rules';
import { StrategyPeriodsService } from '../strategy/strategy-periods.service';
import { StrategyService } from '../strategy/strategy.service';
import { PeriodRelinkDto } from './dto/period-relink.dto';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination/pagination';
import { RoutineDto, RoutineQueryDto, RoutineVersionDto } from './dto/routine.dto';
import { Routine } from './entities/routine.entity';
import { RoutineVersion } from './entities/routine-version.entity';
import { findLatestVersion, findVisibleRoutine } from './routine-access';
import { routineBpmn } from './routine-bpmn';
import { periodOf, RoutineDefinition } from './routine-definition';
import { RoutineDocument, routineDocument } from './routine-document';
import { routineMermaid } from './routine-mermaid';
import type { DiagramFormat } from './dto/routine-diagram.dto';

/** Reading routines, their versions and their exchange documents. */
@Injectable()
export class RoutineQueriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly strategy: StrategyService,
    private readonly periods: StrategyPeriodsService,
  ) {}

  async get(user: AuthenticatedUser, id: string): Promise<RoutineDto> {
    const routine = await findVisibleRoutine(this.dataSource.manager, user, id);
    return RoutineDto.from(routine, await findLatestVersion(this.dataSource.manager, routine), user.organizationId);
  }

  /** Published routines of every organisation and the caller's own unpublished ones, by id. */
  async list(user: AuthenticatedUser, query: RoutineQueryDto): Promise<Page<RoutineDto>> {
    const own = user.organizationId;
    const qb = this.dataSource.manager
      .createQueryBuilder(Routine, 'r')
      .leftJoin(RoutineVersion, 'v', 'v.routine_id = r.id AND v.version = r.latest_version')
      .where('(r.latest_version IS NOT NULL OR r.owner_organization_id = :own)', { own })
      .orderBy('r.id', 'ASC')
      .limit(query.limit + 1);
    /** The published version, or the caller's own draft, names the value in its goals or measures. */
    const names = (path: 'goals' | 'measures', value: number | string) => {
      qb.setParameter(path, JSON.stringify([value]));
      return new Brackets((where) =>
        where
          .where(`v.definition -> '${path}' @> CAST(:${path} AS jsonb)`)
          .orWhere(`(r.owner_organization_id = :own AND r.draft -> '${path}' @> CAST(:${path} AS jsonb))`),
      );
    };
    if (query.goal !== undefined) {
      qb.andWhere(names('goals', query.goal));
    }
    if (query.measure !== undefined) {
      qb.andWhere(names('measures', query.measure));
    }
    if (query.ownerOrganizationId) {
      qb.andWhere('r.owner_organization_id = :owner', { owner: query.ownerOrganizationId });
    }
    if (query.retired) {
      qb.andWhere(query.retired === 'true' ? 'r.retired_at IS NOT NULL' : 'r.retired_at IS NULL');
    }
    const after = decodeCursor(query.cursor, ['uuid']);
    if (after) {
      qb.andWhere('r.id > :after', { after: String(after[0]) });
    }

    const routines = await qb.getMany();
    const published = await this.latestVersionsOf(routines);
    return toPage(
      routines,
      query.limit,
      (r) => [r.id],
      (r) => RoutineDto.from(r, published.get(r.id) ?? null, own),
    );
  }

  async versions(user: AuthenticatedUser, id: string, query: PageQueryDto): Promise<Page<RoutineVersionDto>> {
    await findVisibleRoutine(this.dataSource.manager, user, id);
    const after = decodeCursor(query.cursor, ['int']);
    const versions = await this.dataSource.manager
      .createQueryBuilder(RoutineVersion, 'v')
      .where('v.routine_id = :id', { id })
      .andWhere('v.version > :after', { after: after ? Number(after[0]) : 0 })
      .orderBy('v.version', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    return toPage(
      versions,
      query.limit,
      (v) => [v.version],
      (v) => RoutineVersionDto.from(v),
    );
  }

  async version(user: AuthenticatedUser, id: string, number: number): Promise<RoutineVersionDto> {
    await findVisibleRoutine(this.dataSource.manager, user, id);
    const version = await this.dataSource.manager.findOneBy(RoutineVersion, { routineId: id, version: number });
    if (!version) {
      throw notFound('routine_version');
    }
    return RoutineVersionDto.from(version);
  }

  /** A published version (default: the latest), or the draft of a routine never published (seen by its owner only). */
  async exportDocument(user: AuthenticatedUser, id: string, number?: number): Promise<RoutineDocument> {
    const routine = await findVisibleRoutine(this.dataSource.manager, user, id);
    const source = { routineId: routine.id, ownerOrganizationId: routine.ownerOrganizationId };
    if (number === undefined && routine.latestVersion === null && routine.draft) {
      return routineDocument({ ...source, version: null, checksum: null }, routine.draft, new Date());
    }
    const version = await this.dataSource.manager.findOneBy(RoutineVersion, {
      routineId: id,
      version: number ?? routine.latestVersion ?? 0,
    });
    if (!version) {
      throw notFound('routine_version');
    }
    return routineDocument(
      { ...source, version: version.version, checksum: version.checksum },
      version.definition,
      new Date(),
    );
  }

  /** A published version as a diagram, or (`version` null) the draft, which only its owner organisation sees. */
  async diagram(user: AuthenticatedUser, id: string, version: number | null, format: DiagramFormat): Promise<string> {
    const routine = await findVisibleRoutine(this.dataSource.manager, user, id);
    let definition: RoutineDefinition;
    if (version === null) {
      if (routine.ownerOrganizationId !== user.organizationId || routine.draft === null) {
        throw notFound('routine_draft');
      }
      definition = routine.draft;
    } else {
      const published = await this.dataSource.manager.findOneBy(RoutineVersion, { routineId: id, version });
      if (!published) {
        throw notFound('routine_version');
      }
      definition = published.definition;
    }
    return format === 'bpmn' ? routineBpmn(definition, { routineId: id, version }) : routineMermaid(definition);
  }

  /**
   * How the routine (its draft, else its latest version) would be linked to a period that follows its own: the
   * measures the period's mapping carries them on to, and their goals. Linking is an edit (PATCH with period, goals
   * and measures) and a new version; published versions keep the period they were written for.
   */
  async periodRelink(user: AuthenticatedUser, id: string, periodCode: string | undefined): Promise<PeriodRelinkDto> {
    const routine = await findVisibleRoutine(this.dataSource.manager, user, id);
    const own = routine.ownerOrganizationId === user.organizationId;
    const definition =
      (own ? routine.draft : null) ?? (await findLatestVersion(this.dataSource.manager, routine))?.definition;
    if (!definition) {
      throw notFound('routine_version');
    }
    const target = await this.periods.find(periodCode ?? (await this.strategy.currentPeriodCode()));
    const fromPeriod = periodOf(definition);
    if (target.previousPeriodCode !== fromPeriod) {
      throw unprocessable('routine.period_not_successor', "The period does not follow the routine's period.", [
        { field: 'period', code: 'not_a_successor', fromPeriod },
      ]);
    }
    const [mapping, measureGoal] = await Promise.all([
      this.periods.mapping(target.code),
      this.strategy.measureIndex(target.code),
    ]);
    return { fromPeriod, toPeriod: target.code, ...suggestedRelink(definition, mapping, measureGoal) };
  }

  private async latestVersionsOf(routines: Routine[]): Promise<Map<string, RoutineVersion>> {
    const keys = routines
      .filter((r) => r.latestVersion !== null)
      .map((r) => ({ routineId: r.id, version: r.latestVersion as number }));
    if (keys.length === 0) {
      return new Map();
    }
    const versions = await this.dataSource.manager.find(RoutineVersion, { where: keys });
    return new Map(versions.map((v) => [v.routineId, v]));
  }
}
