import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/auth/request-context';
import { conflict, unprocessable } from '../common/http/domain.exception';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination/pagination';
import { StrategyService } from '../strategy/strategy.service';
import type { AssessmentMethodIndex } from './assessment-method-catalogue';
import { AssessmentMethodDto, CreateAssessmentMethodDto } from './dto/assessment-method.dto';
import { assessmentMethodsRepository } from './assessment-methods.repository';
import { AssessmentMethod } from './entities/assessment-method.entity';

/** The standardised assessment methods: seeded reference data that admins extend. */
@Injectable()
export class AssessmentMethodsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly strategy: StrategyService,
  ) {}

  async list(query: PageQueryDto): Promise<Page<AssessmentMethodDto>> {
    const after = decodeCursor(query.cursor, ['text']);
    const rows = await assessmentMethodsRepository.page(
      this.dataSource.manager,
      after ? String(after[0]) : undefined,
      query.limit + 1,
    );
    return toPage(
      rows,
      query.limit,
      (row) => [row.code],
      (row) => AssessmentMethodDto.from(row),
    );
  }

  /** Every method's level codes (a few dozen rows). */
  async index(): Promise<AssessmentMethodIndex> {
    const rows = await this.dataSource.manager.find(AssessmentMethod, { select: { code: true, levels: true } });
    return new Map(rows.map((row) => [row.code, row.levels.map((level) => level.code)]));
  }

  /** The level codes of a method, or undefined when there is no such method: one primary-key lookup. */
  async levelsOf(manager: EntityManager, code: string): Promise<string[] | undefined> {
    const method = await manager.findOne(AssessmentMethod, { where: { code }, select: { code: true, levels: true } });
    return method?.levels.map((level) => level.code);
  }

  /** Adds a method serving measures of the period in force; 409 when the code is taken. */
  async create(ctx: RequestContext, dto: CreateAssessmentMethodDto): Promise<AssessmentMethodDto> {
    const period = await this.strategy.currentPeriodCode();
    const measures = await this.strategy.measureIndex(period);
    const errors = [
      ...dto.measures.flatMap((measure, index) =>
        measures.has(measure) && dto.measures.indexOf(measure) === index
          ? []
          : [{ field: `measures[${index}]`, code: measures.has(measure) ? 'duplicate_measure' : 'unknown_measure' }],
      ),
      ...dto.levels.flatMap((level, index) =>
        dto.levels.findIndex((other) => other.code === level.code) === index
          ? []
          : [{ field: `levels[${index}].code`, code: 'duplicate_level' }],
      ),
    ];
    if (errors.length > 0) {
      throw unprocessable('assessment_method.invalid', 'The method breaks one or more rules; see errors.', errors);
    }
    return this.dataSource.transaction(async (manager) => {
      const inserted = await assessmentMethodsRepository.insertNew(manager, {
        code: dto.code,
        nameSv: dto.nameSv,
        nameEn: dto.nameEn,
        assesses: dto.assesses,
        periodCode: period,
        measures: dto.measures,
        levels: dto.levels.map(({ code, sv, en }) => ({ code, sv, en })),
        createdBy: ctx.user.id,
      });
      if (!inserted) {
        throw conflict('assessment_method.duplicate', 'An assessment method already has this code.');
      }
      await this.audit.append(manager, ctx, {
        action: 'assessment_method.created',
        entity: { type: 'assessment_method', id: dto.code },
        data: {
          code: dto.code,
          assesses: dto.assesses,
          period,
          measures: dto.measures,
          levels: dto.levels.map((level) => level.code),
        },
      });
      return AssessmentMethodDto.from(await manager.findOneByOrFail(AssessmentMethod, { code: dto.code }));
    });
  }
}
