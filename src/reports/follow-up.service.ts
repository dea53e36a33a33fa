import { Inject, Injectable } from '@nestjs/common';
import { startOfSwedishDay, shiftDay } from '../common/time/swedish-time';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedUser, hasRole } from '../common/auth/authenticated-user';
import type { RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import { unprocessable } from '../common/http/domain.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { findMunicipality } from '../organizations/municipalities';
import type { OrganizationType } from '../organizations/organization-type';
import { FollowUpMetricsDto, FollowUpQueryDto, FollowUpReportDto, FollowUpRowDto } from './dto/follow-up.dto';
import { emptyCounts, FollowUpDimension, FollowUpFilters, FollowUpScope } from './follow-up-dimensions';
import { CountedGroup, FollowUpQuery, FollowUpRepository } from './follow-up.repository';
import { outcomeCodesOf, publishedMetrics, suppressFollowUp } from './follow-up-table';
import { ReportPeriod, reportPeriod, ReportPeriodError } from './report-period';

export const DEFAULT_REPORT_MIN_COUNT = 5;

/**
 * Admins and auditors see the follow-up of every case; managers and coordinators that of the cases their
 * organisation takes part in (docs/reports.md, "Who sees what").
 */
export function followUpScope(user: AuthenticatedUser): FollowUpScope {
  return hasRole(user, Role.Admin, Role.Auditor)
    ? { kind: 'all' }
    : { kind: 'participant', organizationId: user.organizationId };
}

/** asOf as given: an instant, or a day meaning the end of that Swedish day; default now. */
export function parseAsOf(asOf: string | undefined): Date {
  if (asOf === undefined) {
    return new Date();
  }
  return asOf.length === 10 ? startOfSwedishDay(shiftDay(asOf, { days: 1 })) : new Date(asOf);
}

export function periodOf(query: { from?: string; to?: string; asOf?: string }): ReportPeriod {
  try {
    return reportPeriod({ from: query.from, to: query.to, asOf: parseAsOf(query.asOf) });
  } catch (error) {
    if (error instanceof ReportPeriodError) {
      throw unprocessable('report.period_invalid', 'The period ends before it begins.', [
        { field: 'from', code: 'after_to' },
      ]);
    }
    throw error;
  }
}

interface Labels {
  routines: Map<string, string>;
  steps: Map<string, string>;
  organizations: Map<string, string>;
}

/** The follow-up report: counts per group and in total, small counts suppressed, the read audited. */
@Injectable()
export class FollowUpService {
  constructor(
    private readonly repository: FollowUpRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get minCount(): number {
    return this.config.reports?.minCount ?? DEFAULT_REPORT_MIN_COUNT;
  }

  async report(ctx: RequestContext, query: FollowUpQueryDto): Promise<FollowUpReportDto> {
    const period = periodOf(query);
    const groupBy = query.groupBy ?? [];
    const filters: FollowUpFilters = {
      goal: query.goal,
      measure: query.measure,
      routineId: query.routineId,
      organizationId: query.organizationId,
      organizationType: query.organizationType,
      municipalityCode: query.municipalityCode,
    };
    const scope = followUpScope(ctx.user);
    const table = await this.table({ period, groupBy, filters, scope });
    await this.audit.record(ctx, {
      action: 'report.follow_up_read',
      entity: { type: 'report', id: 'follow-up' },
      organizationIds: [filters.organizationId, scope.kind === 'participant' ? scope.organizationId : undefined].filter(
        (id): id is string => id !== undefined,
      ),
      data: { parameters: auditParameters(period, groupBy, filters), scope: scope.kind },
    });
    return {
      from: period.from,
      to: period.to,
      asOf: period.asOf.toISOString(),
      groupBy,
      minCount: this.minCount,
      rows: table.rows,
      total: table.total,
    };
  }

  /** The published rows (keyed, in order) and total of one grouping: what the report shows, unaudited. */
  async table(query: FollowUpQuery): Promise<{ rows: FollowUpRowDto[]; total: FollowUpMetricsDto }> {
    const { groupBy } = query;
    const [groups, totals] = await Promise.all([
      groupBy.length > 0 ? this.repository.countGroups(query) : Promise.resolve([]),
      this.repository.countGroups({ ...query, groupBy: [] }),
    ]);
    const total = totals[0]?.counts ?? emptyCounts();
    const labels = await this.labels(groupBy, groups);
    const rows = groups
      .map((group) => ({ group, keys: groupKeys(groupBy, group.key, labels) }))
      .sort((a, b) => compareKeys(groupBy, a.keys, b.keys));
    const outcomeCodes = outcomeCodesOf(
      total,
      rows.map((row) => row.group.counts),
    );
    const suppression = suppressFollowUp(
      rows.map((row) => row.group),
      total,
      outcomeCodes,
      this.minCount,
    );
    return {
      rows: rows.map((row, index): FollowUpRowDto => ({
        ...row.keys,
        ...publishedMetrics(row.group.counts, suppression.rows[index], outcomeCodes, this.minCount),
      })),
      total: publishedMetrics(total, suppression.total, outcomeCodes, this.minCount),
    };
  }

  private async labels(groupBy: readonly FollowUpDimension[], groups: CountedGroup[]): Promise<Labels> {
    const valuesOf = (dimension: FollowUpDimension) => {
      const index = groupBy.indexOf(dimension);
      return index < 0 ? [] : [...new Set(groups.map((group) => group.key[index]))];
    };
    const routineIds = [
      ...new Set([...valuesOf('routine'), ...valuesOf('step').map((step) => step.slice(0, step.indexOf('/')))]),
    ];
    const [routines, steps, organizations] = await Promise.all([
      this.repository.routineTitles(routineIds),
      groupBy.includes('step') ? this.repository.stepTitles(routineIds) : Promise.resolve(new Map<string, string>()),
      this.repository.organizationNames(valuesOf('organization')),
    ]);
    return { routines, steps, organizations };
  }
}

type RowKeys = Pick<
  FollowUpRowDto,
  | 'goal'
  | 'measure'
  | 'routine'
  | 'step'
  | 'organization'
  | 'organizationType'
  | 'municipality'
  | 'month'
  | 'quarter'
  | 'year'
>;

function groupKeys(groupBy: readonly FollowUpDimension[], key: readonly string[], labels: Labels): RowKeys {
  const keys: RowKeys = {};
  groupBy.forEach((dimension, index) => {
    const value = key[index];
    switch (dimension) {
      case 'goal':
        keys.goal = Number(value);
        break;
      case 'year':
        keys.year = Number(value);
        break;
      case 'measure':
      case 'month':
      case 'quarter':
        keys[dimension] = value;
        break;
      case 'organizationType':
        keys.organizationType = value as OrganizationType;
        break;
      case 'routine':
        keys.routine = { id: value, title: labels.routines.get(value) ?? '' };
        break;
      case 'step': {
        const split = value.indexOf('/');
        keys.step = {
          routineId: value.slice(0, split),
          key: value.slice(split + 1),
          title: labels.steps.get(value) ?? '',
        };
        break;
      }
      case 'organization':
        keys.organization = { id: value, name: labels.organizations.get(value) ?? '' };
        break;
      case 'municipality':
        keys.municipality = { code: value, name: findMunicipality(value)?.name ?? value };
        break;
    }
  });
  return keys;
}

const collator = new Intl.Collator('sv', { numeric: true });

/** Rows in the order of their keys: goals by number, measures and names as Swedish text, periods in time order. */
function compareKeys(groupBy: readonly FollowUpDimension[], a: RowKeys, b: RowKeys): number {
  for (const dimension of groupBy) {
    const order = collator.compare(sortText(dimension, a), sortText(dimension, b));
    if (order !== 0) {
      return order;
    }
  }
  return 0;
}

function sortText(dimension: FollowUpDimension, keys: RowKeys): string {
  switch (dimension) {
    case 'goal':
    case 'year':
      return String(keys[dimension]);
    case 'routine':
      return `${keys.routine?.title}\u0000${keys.routine?.id}`;
    case 'step':
      return `${keys.step?.routineId}\u0000${keys.step?.title}\u0000${keys.step?.key}`;
    case 'organization':
      return `${keys.organization?.name}\u0000${keys.organization?.id}`;
    case 'municipality':
      return keys.municipality?.code ?? '';
    default:
      return keys[dimension] ?? '';
  }
}

/** The parameters as the audit trail keeps them: codes, ids and times only. */
function auditParameters(period: ReportPeriod, groupBy: readonly FollowUpDimension[], filters: FollowUpFilters) {
  return {
    from: period.from,
    to: period.to,
    asOf: period.asOf.toISOString(),
    groupBy,
    ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)),
  };
}
