import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { shiftDay, startOfSwedishDay } from '../common/time/swedish-time';
import { isCalendarDay } from '../adoptions/dto/is-calendar-day.decorator';
import { readEntityEvents } from '../audit/audit-event.repository';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/auth/request-context';
import { caseNotFound } from './case-access';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination/pagination';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { CaseRef } from './case-ref';
import { referenceHmac } from './case-reference';
import { CaseListFilter, CaseRecord, CasesRepository } from './cases.repository';
import { CaseDto, CaseListItemDto, CaseLookupDto, CaseSummaryDto, CaseTimelineEventDto } from './dto/case.dto';
import type { CaseQueryDto } from './dto/case-query.dto';

/** Cases answered by a lookup: an organisation with more cases for one reference than this is not plausible. */
const MAX_LOOKUP_MATCHES = 200;

/** Reading cases: only for users of participating organisations; reading one case or its timeline is audited. */
@Injectable()
export class CaseQueriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CasesRepository,
    private readonly audit: AuditService,
  ) {}

  async get(ctx: RequestContext, ref: CaseRef): Promise<CaseDto> {
    const found = await this.cases.caseWithSteps(this.dataSource.manager, ref, ctx.user.organizationId);
    if (!found) {
      throw await caseNotFound(this.cases, this.dataSource.manager, ref);
    }
    await this.recordView(ctx, found.kase, 'case');
    return CaseDto.of(found.kase, found.steps);
  }

  /** The case's audit events (its changes and reads), in the order of the trail. */
  async timeline(ctx: RequestContext, ref: CaseRef, query: PageQueryDto): Promise<Page<CaseTimelineEventDto>> {
    const kase = await this.visibleCase(ctx, ref);
    const after = decodeCursor(query.cursor, ['bigint']);
    const rows = await readEntityEvents(
      this.dataSource.manager,
      { type: 'case', id: kase.id },
      Number(after?.[0] ?? 0),
      query.limit + 1,
    );
    await this.recordView(ctx, kase, 'timeline');
    return toPage(
      rows,
      query.limit,
      (row) => [Number(row.sequence)],
      (row) => ({ ...row, sequence: Number(row.sequence) }),
    );
  }

  /** Cases the caller's organisation takes part in, newest first. Audited as one read, with its filters and the cases it showed. */
  async list(ctx: RequestContext, query: CaseQueryDto): Promise<Page<CaseListItemDto>> {
    const after = decodeCursor(query.cursor, ['text']);
    const rows = await this.cases.listVisible(
      this.dataSource.manager,
      ctx.user.organizationId,
      {
        caseNumber: query.caseNumber || undefined,
        status: query.status || undefined,
        routineId: query.routineId || undefined,
        goal: query.goal,
        overdue: query.overdue,
        ownerOrganizationId: query.ownerOrganizationId || undefined,
        dueBefore: query.dueBefore ? startOf(query.dueBefore) : undefined,
        openedFrom: query.openedFrom ? startOf(query.openedFrom) : undefined,
        ...openedTo(query.openedTo),
        caseNumberBelow: after ? String(after[0]) : undefined,
      },
      query.limit + 1,
    );
    const page = toPage(
      rows,
      query.limit,
      (row) => [row.caseNumber],
      (row) => ({ ...CaseSummaryDto.from(row), nextDueAt: row.nextDueAt }),
    );
    const shown = rows.slice(0, query.limit);
    await this.audit.record(ctx, {
      action: 'case.listed',
      entity: { type: 'organization', id: ctx.user.organizationId },
      organizationIds: [...new Set(shown.flatMap((row) => row.participants))],
      data: {
        filters: listFilters(query),
        limit: query.limit,
        nextPage: query.cursor !== undefined,
        caseIds: shown.map((row) => row.id),
      },
    });
    return page;
  }

  /**
   * The caller organisation's cases with this external reference (compared by HMAC), each flagged as a repeat when
   * another case with the same reference was opened in the organisation within the 12 months before it.
   * Audited as a read, without the reference.
   */
  async lookup(ctx: RequestContext, reference: string): Promise<CaseLookupDto> {
    const organizationId = ctx.user.organizationId;
    const rows = await this.cases.findByReference(
      this.dataSource.manager,
      organizationId,
      referenceHmac(this.config.referenceHmacKey, organizationId, reference),
      MAX_LOOKUP_MATCHES,
    );
    const items = rows.map((row) => ({ ...CaseSummaryDto.from(row), repeat: row.repeat }));
    const repeat = items.some((item) => item.repeat);
    await this.audit.record(ctx, {
      action: 'case.looked_up',
      entity: { type: 'organization', id: organizationId },
      organizationIds: [...new Set(rows.flatMap((row) => row.participants))],
      data: { caseIds: items.map((item) => item.id), repeat },
    });
    return { repeat, items };
  }

  private async visibleCase(ctx: RequestContext, ref: CaseRef): Promise<CaseRecord> {
    const kase = await this.cases.findVisible(this.dataSource.manager, ref, ctx.user.organizationId);
    if (!kase) {
      throw await caseNotFound(this.cases, this.dataSource.manager, ref);
    }
    return kase;
  }

  private recordView(ctx: RequestContext, kase: CaseRecord, view: 'case' | 'timeline'): Promise<void> {
    return this.audit.record(ctx, {
      action: 'case.viewed',
      entity: { type: 'case', id: kase.id },
      organizationIds: kase.participants,
      data: { caseNumber: kase.caseNumber, view },
    });
  }
}

/**
 * The filters of a list read as the audit trail keeps them: codes, ids, numbers and times the DTO validated (the
 * case-number filter passed the privacy guard). The cursor is left out: it is opaque client input, only whether one was given counts.
 */
function listFilters(query: CaseQueryDto): Record<string, unknown> {
  const { caseNumber, status, routineId, goal, overdue, ownerOrganizationId, dueBefore, openedFrom, openedTo } = query;
  const filters = {
    caseNumber,
    status,
    routineId,
    goal,
    overdue,
    ownerOrganizationId,
    dueBefore,
    openedFrom,
    openedTo,
  };
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
}

/** A time filter as an instant: a day stands for the moment it begins in Sweden. */
const startOf = (filter: string): Date => (isCalendarDay(filter) ? startOfSwedishDay(filter) : new Date(filter));

/** The upper bound of the opening time: before the next day begins in Sweden, or up to and including an instant. */
function openedTo(filter: string | undefined): Pick<CaseListFilter, 'openedBefore' | 'openedAtOrBefore'> {
  if (filter === undefined || filter === '') {
    return {};
  }
  return isCalendarDay(filter)
    ? { openedBefore: startOfSwedishDay(shiftDay(filter, { days: 1 })) }
    : { openedAtOrBefore: new Date(filter) };
}
