import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound } from '../common/http/domain.exception';
import { GoalDto, GoalListDto } from './dto/goal.dto';
import { StrategyGoalRow, StrategyMeasureRow, StrategyPeriodRow } from './entities/strategy.entities';

/** The strategy's goals and measures: reference data loaded by migration. */
@Injectable()
export class StrategyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The period in force today, or the latest one once all have ended. */
  async currentPeriodCode(): Promise<string> {
    const [period] = await this.dataSource.manager
      .createQueryBuilder(StrategyPeriodRow, 'p')
      .orderBy('p.valid_from <= CURRENT_DATE AND p.valid_to >= CURRENT_DATE', 'DESC')
      .addOrderBy('p.valid_from', 'DESC')
      .limit(1)
      .getMany();
    return period.code;
  }

  /** The goals and measures of a period: the one in force unless named (404 for a period not loaded). */
  async goals(periodCode?: string): Promise<GoalListDto> {
    if (
      periodCode !== undefined &&
      !(await this.dataSource.manager.existsBy(StrategyPeriodRow, { code: periodCode }))
    ) {
      throw notFound('strategy_period');
    }
    const period = periodCode ?? (await this.currentPeriodCode());
    const goals = await this.dataSource.manager.find(StrategyGoalRow, {
      where: { periodCode: period },
      order: { number: 'ASC' },
    });
    const measures = await this.dataSource.manager.find(StrategyMeasureRow, {
      where: { periodCode: period },
      order: { goalNumber: 'ASC', position: 'ASC' },
    });
    return {
      period,
      items: goals.map((goal) => ({
        number: goal.number,
        title: { sv: goal.titleSv, en: goal.titleEn },
        measures: measures
          .filter((m) => m.goalNumber === goal.number)
          .map((m) => ({ code: m.code, text: { sv: m.textSv, en: m.textEn } })),
      })),
    };
  }

  async goal(number: number, periodCode?: string): Promise<GoalDto> {
    const goal = (await this.goals(periodCode)).items.find((item) => item.number === number);
    if (!goal) {
      throw notFound('goal');
    }
    return goal;
  }

  /** The period whose dates cover a day (YYYY-MM-DD), or the latest that began before it; null before all. */
  async periodOn(day: string): Promise<string | null> {
    const [period] = await this.dataSource.manager
      .createQueryBuilder(StrategyPeriodRow, 'p')
      .where('p.valid_from <= CAST(:day AS date)', { day })
      .orderBy('p.valid_from', 'DESC')
      .limit(1)
      .getMany();
    return period?.code ?? null;
  }

  /** Goal number of each measure code, per period. */
  async measureIndexes(): Promise<Map<string, Map<string, number>>> {
    const measures = await this.dataSource.manager.find(StrategyMeasureRow);
    const byPeriod = new Map<string, Map<string, number>>();
    for (const measure of measures) {
      const index = byPeriod.get(measure.periodCode) ?? new Map<string, number>();
      index.set(measure.code, measure.goalNumber);
      byPeriod.set(measure.periodCode, index);
    }
    return byPeriod;
  }

  /** Goal number of each measure code of a period (default: the current one), for validating routines. */
  async measureIndex(periodCode?: string): Promise<Map<string, number>> {
    const period = periodCode ?? (await this.currentPeriodCode());
    const measures = await this.dataSource.manager.find(StrategyMeasureRow, { where: { periodCode: period } });
    return new Map(measures.map((m) => [m.code, m.goalNumber]));
  }
}
