import { Injectable } from '@nestjs/common';
import { shiftDay, startOfSwedishDay, swedishDay } from '../common/time/swedish-time';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/auth/request-context';
import { notFound } from '../common/http/domain.exception';
import { COUNTIES, MUNICIPALITIES } from '../organizations/municipalities';
import { CollaborationAgreementsService } from './collaboration-agreements.service';
import type { FollowUpRowDto } from './dto/follow-up.dto';
import { StrategyFollowUpQueryDto, StrategyFollowUpReportDto, StrategyGoalRowDto } from './dto/strategy-follow-up.dto';
import { followUpScope, FollowUpService, parseAsOf } from './follow-up.service';
import { yearPeriod } from './report-period';
import { StrategyFollowUpRepository } from './strategy-follow-up.repository';

export const DEFAULT_COUNTY_CODE = '01';

const GOAL_METRICS = ['casesOpened', 'stepsCompleted', 'onTimeRate', 'leadTimeHours.p50', 'overdueNow'];

/**
 * The county's yearly follow-up, one row per goal of the strategy period: the case and step figures are those of the
 * follow-up report grouped by goal (and by goal and measure) for the year, suppressed the same way, so the two
 * reports never disagree; adoption figures count organisations, not cases, and are not suppressed.
 */
@Injectable()
export class StrategyFollowUpService {
  constructor(
    private readonly repository: StrategyFollowUpRepository,
    private readonly followUp: FollowUpService,
    private readonly agreements: CollaborationAgreementsService,
    private readonly audit: AuditService,
  ) {}

  async report(ctx: RequestContext, query: StrategyFollowUpQueryDto): Promise<StrategyFollowUpReportDto> {
    const period = yearPeriod(query.year, parseAsOf(query.asOf));
    const countyCode = query.countyCode ?? DEFAULT_COUNTY_CODE;
    const strategy = await this.repository.goalsOfYear(query.year);
    if (!strategy) {
      throw notFound('strategy_period');
    }
    // The last day the year's figures describe, and the instant it ends (for discontinued adoptions).
    const day = swedishDay(new Date(Math.max(period.start.getTime(), period.end.getTime() - 1)));
    const until = startOfSwedishDay(shiftDay(day, { days: 1 }));
    const scope = followUpScope(ctx.user);
    // Goal numbers are a period's: only the routine versions of the year's period count.
    const filters = { period: strategy.periodCode };
    const [byGoal, byMeasure, routines, coverage, agreements] = await Promise.all([
      this.followUp.table({ period, groupBy: ['goal'], filters, scope }),
      this.followUp.table({ period, groupBy: ['goal', 'measure'], filters, scope }),
      this.repository.publishedRoutines(strategy.periodCode),
      this.repository.adoptionCoverage(strategy.periodCode, countyCode, day, until),
      this.agreements.report({ countyCode, asOf: day }),
    ]);
    const municipalitiesTotal = MUNICIPALITIES.filter((municipality) => municipality.countyCode === countyCode).length;
    const rows = strategy.goals.map((goal): StrategyGoalRowDto => {
      const metrics = byGoal.rows.find((row) => row.goal === goal.number);
      const covered = coverage.get(goal.number);
      return {
        goal: goal.number,
        title: goal.title,
        routines: routines.goals.get(goal.number) ?? 0,
        adoptingOrganizations: covered?.adoptingOrganizations ?? 0,
        municipalitiesCovered: covered?.municipalitiesCovered ?? 0,
        municipalitiesTotal,
        casesOpened: metrics ? metrics.casesOpened : 0,
        stepsCompleted: metrics ? metrics.stepsCompleted : 0,
        onTimeRate: metrics ? metrics.onTimeRate : null,
        leadTimeHours: { p50: metrics ? metrics.leadTimeHours.p50 : null },
        overdueNow: metrics ? metrics.overdueNow : 0,
        measures: goal.measures.map((code) =>
          measureRow(code, routines.measures.get(code) ?? 0, byMeasure.rows, goal.number),
        ),
        suppressed: (metrics?.suppressed ?? []).filter((name) => GOAL_METRICS.includes(name)),
      };
    });
    const county = agreements.counties.find((candidate) => candidate.countyCode === countyCode);
    await this.audit.record(ctx, {
      action: 'report.strategy_follow_up_read',
      entity: { type: 'report', id: 'strategy-follow-up' },
      organizationIds: scope.kind === 'participant' ? [scope.organizationId] : [],
      data: { parameters: { year: query.year, countyCode, asOf: period.asOf.toISOString() }, scope: scope.kind },
    });
    return {
      year: query.year,
      periodCode: strategy.periodCode,
      countyCode,
      countyName: COUNTIES[countyCode] ?? countyCode,
      asOf: period.asOf.toISOString(),
      minCount: this.followUp.minCount,
      rows,
      collaborationAgreements: {
        asOf: agreements.asOf,
        municipalities: county?.municipalities ?? 0,
        partnerTypes: county?.partnerTypes ?? [],
      },
    };
  }
}

function measureRow(code: string, routines: number, rows: FollowUpRowDto[], goal: number) {
  const row = rows.find((candidate) => candidate.goal === goal && candidate.measure === code);
  return {
    code,
    routines,
    casesOpened: row ? row.casesOpened : 0,
    suppressed: row?.suppressed.includes('casesOpened') ? ['casesOpened'] : [],
  };
}
