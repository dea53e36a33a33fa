import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/auth/request-context';
import { conflict, notFound, unprocessable } from '../common/http/domain.exception';
import { decodeCursor, Page, toPage } from '../common/pagination/pagination';
import { CreateStrategyPeriodDto, StrategyPeriodDto, StrategyPeriodQueryDto } from './dto/strategy-period.dto';
import {
  StrategyGoalRow,
  StrategyMeasureMappingRow,
  StrategyMeasureRow,
  StrategyPeriodRow,
} from './entities/strategy.entities';
import { strategyPeriodViolations } from './strategy-period-rules';
import { strategyPeriodsRepository } from './strategy-periods.repository';

const today = () => new Date().toISOString().slice(0, 10);

const toDto = (row: StrategyPeriodRow, day = today()): StrategyPeriodDto => ({
  code: row.code,
  title: { sv: row.titleSv, en: row.titleEn },
  validFrom: row.validFrom,
  validTo: row.validTo,
  previousPeriod: row.previousPeriodCode,
  inForce: row.validFrom <= day && row.validTo >= day,
});

/** Loading strategy periods that follow each other, and the measure mapping between them. */
@Injectable()
export class StrategyPeriodsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: StrategyPeriodQueryDto): Promise<Page<StrategyPeriodDto>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(StrategyPeriodRow, 'p')
      .orderBy('p.code', 'ASC')
      .limit(query.limit + 1);
    const after = decodeCursor(query.cursor, ['text']);
    if (after) {
      qb.andWhere('p.code > :after', { after: String(after[0]) });
    }
    return toPage(
      await qb.getMany(),
      query.limit,
      (row) => [row.code],
      (row) => toDto(row),
    );
  }

  /** The mapping of a period's previous measures onto its own: previous measure → measures. */
  async mapping(periodCode: string): Promise<Map<string, string[]>> {
    const rows = await this.dataSource.manager.find(StrategyMeasureMappingRow, { where: { periodCode } });
    const mapping = new Map<string, string[]>();
    for (const row of rows) {
      mapping.set(row.previousMeasureCode, [...(mapping.get(row.previousMeasureCode) ?? []), row.measureCode]);
    }
    return mapping;
  }

  async find(code: string): Promise<StrategyPeriodRow> {
    const period = await this.dataSource.manager.findOneBy(StrategyPeriodRow, { code });
    if (!period) {
      throw notFound('strategy_period');
    }
    return period;
  }

  /** Loads a period with its goals, measures and mapping in one transaction; 422 naming the field, 409 for a taken code. */
  async create(ctx: RequestContext, dto: CreateStrategyPeriodDto): Promise<StrategyPeriodDto> {
    const periods = await this.dataSource.manager.find(StrategyPeriodRow);
    const previousMeasures =
      dto.previousPeriod === undefined || !periods.some((period) => period.code === dto.previousPeriod)
        ? undefined
        : new Set(
            (await this.dataSource.manager.find(StrategyMeasureRow, { where: { periodCode: dto.previousPeriod } })).map(
              (measure) => measure.code,
            ),
          );
    if (periods.some((period) => period.code === dto.code)) {
      throw conflict('strategy_period.duplicate', 'A strategy period already has this code.');
    }
    const errors = strategyPeriodViolations(
      dto,
      periods.map(({ code, validFrom, validTo }) => ({ code, validFrom, validTo })),
      previousMeasures,
    );
    if (errors.length > 0) {
      throw unprocessable(
        'strategy_period.invalid',
        'The strategy period breaks one or more rules; see errors.',
        errors,
      );
    }
    const mapping = Object.entries(dto.measureMapping ?? {}).flatMap(([from, to]) =>
      [...new Set(to)].map((measureCode) => ({ periodCode: dto.code, previousMeasureCode: from, measureCode })),
    );
    return this.dataSource.transaction(async (manager) => {
      const inserted = await strategyPeriodsRepository.insertNew(manager, {
        code: dto.code,
        titleSv: dto.title.sv,
        titleEn: dto.title.en,
        validFrom: dto.validFrom,
        validTo: dto.validTo,
        previousPeriodCode: dto.previousPeriod ?? null,
      });
      if (!inserted) {
        throw conflict('strategy_period.duplicate', 'A strategy period already has this code.');
      }
      await manager.insert(
        StrategyGoalRow,
        dto.goals.map((goal) => ({
          periodCode: dto.code,
          number: goal.number,
          titleSv: goal.title.sv,
          titleEn: goal.title.en,
        })),
      );
      const measures = dto.goals.flatMap((goal) =>
        goal.measures.map((measure, position) => ({
          periodCode: dto.code,
          code: measure.code,
          goalNumber: goal.number,
          position,
          textSv: measure.text.sv,
          textEn: measure.text.en,
        })),
      );
      if (measures.length > 0) {
        await manager.insert(StrategyMeasureRow, measures);
      }
      if (mapping.length > 0) {
        await manager.insert(StrategyMeasureMappingRow, mapping);
      }
      await this.audit.append(manager, ctx, {
        action: 'strategy_period.created',
        entity: { type: 'strategy_period', id: dto.code },
        data: {
          code: dto.code,
          validFrom: dto.validFrom,
          validTo: dto.validTo,
          previousPeriod: dto.previousPeriod ?? null,
          goals: dto.goals.map((goal) => goal.number),
          measures: measures.map((measure) => measure.code),
          measureMapping: dto.measureMapping ?? {},
        },
      });
      return toDto(await manager.findOneByOrFail(StrategyPeriodRow, { code: dto.code }));
    });
  }
}
