import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { shiftDay, startOfSwedishDay } from '../adoptions/adoption-review';
import { isCalendarDay } from '../adoptions/dto/is-calendar-day.decorator';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/auth/request-context';
import { caseNotFound } from './case-not-found';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination/pagination';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { CaseRef } from './case-ref';
import { referenceHmac } from './case-reference';
import { CASE_COLUMNS, CASE_PARTICIPANTS, CaseRecord, CasesRepository } from './cases.repository';
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
    const rows = (await this.dataSource.query(
      `SELECT sequence, occurred_at, action, actor_user_id, actor_organization_id, data
         FROM audit_event
        WHERE entity_type = 'case' AND entity_id = $1 AND sequence > $2
        ORDER BY sequence
        LIMIT $3`,
      [kase.id, Number(after?.[0] ?? 0), query.limit + 1],
    )) as {
      sequence: string;
      occurred_at: Date;
      action: string;
      actor_user_id: string | null;
      actor_organization_id: string | null;
      data: Record<string, unknown>;
    }[];
    await this.recordView(ctx, kase, 'timeline');
    return toPage(
      rows,
      query.limit,
      (row) => [Number(row.sequence)],
      (row) => ({
        sequence: Number(row.sequence),
        occurredAt: row.occurred_at,
        action: row.action,
        actorUserId: row.actor_user_id,
        actorOrganizationId: row.actor_organization_id,
        data: row.data,
      }),
    );
  }

  /** Cases the caller's organisation takes part in, newest first. Audited as one read, with its filters and the cases it showed. */
  async list(ctx: RequestContext, query: CaseQueryDto): Promise<Page<CaseListItemDto>> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const stepExists = (condition: string) =>
      `EXISTS (SELECT 1 FROM case_step s WHERE s.case_id = c.id AND ${condition})`;
    const where = [
      `EXISTS (SELECT 1 FROM case_participant v WHERE v.case_id = c.id AND v.organization_id = ${param(ctx.user.organizationId)})`,
    ];
    if (query.caseNumber) {
      where.push(`c.case_number = ${param(query.caseNumber)}`);
    }
    if (query.status) {
      where.push(`c.status = ${param(query.status)}`);
    }
    if (query.routineId) {
      where.push(`c.routine_id = ${param(query.routineId)}`);
    }
    if (query.goal !== undefined) {
      where.push(
        `EXISTS (SELECT 1 FROM routine_version rv WHERE rv.routine_id = c.routine_id AND rv.version = c.routine_version
                    AND rv.definition -> 'goals' @> ${param(JSON.stringify([query.goal]))}::jsonb)`,
      );
    }
    if (query.overdue !== undefined) {
      where.push(`${query.overdue ? '' : 'NOT '}${stepExists(`s.status = 'active' AND s.due_at < now()`)}`);
    }
    if (query.ownerOrganizationId) {
      where.push(stepExists(`s.owner_organization_id = ${param(query.ownerOrganizationId)}`));
    }
    if (query.dueBefore) {
      where.push(stepExists(`s.status = 'active' AND s.due_at < ${param(startOf(query.dueBefore))}`));
    }
    if (query.openedFrom) {
      where.push(`c.opened_at >= ${param(startOf(query.openedFrom))}`);
    }
    if (query.openedTo) {
      where.push(
        isCalendarDay(query.openedTo)
          ? `c.opened_at < ${param(startOfSwedishDay(shiftDay(query.openedTo, { days: 1 })))}`
          : `c.opened_at <= ${param(new Date(query.openedTo))}`,
      );
    }
    const after = decodeCursor(query.cursor, ['text']);
    if (after) {
      where.push(`c.case_number < ${param(String(after[0]))}`);
    }
    const rows = (await this.dataSource.query(
      `SELECT ${CASE_COLUMNS}, ${CASE_PARTICIPANTS},
              (SELECT min(s.due_at) FROM case_step s WHERE s.case_id = c.id AND s.status = 'active') AS "nextDueAt"
         FROM collaboration_case c
        WHERE ${where.join(' AND ')}
        ORDER BY c.case_number DESC
        LIMIT ${param(query.limit + 1)}`,
      params,
    )) as (CaseRecord & { nextDueAt: Date | null })[];
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
    const rows = (await this.dataSource.query(
      `SELECT ${CASE_COLUMNS}, ${CASE_PARTICIPANTS},
              EXISTS (SELECT 1 FROM collaboration_case o
                       WHERE o.reference_organization_id = c.reference_organization_id AND o.reference_hmac = c.reference_hmac
                         AND o.id <> c.id AND o.opened_at <= c.opened_at AND o.opened_at >= c.opened_at - interval '12 months') AS repeat
         FROM collaboration_case c
        WHERE c.reference_organization_id = $1 AND c.reference_hmac = $2
          AND EXISTS (SELECT 1 FROM case_participant v WHERE v.case_id = c.id AND v.organization_id = $1)
        ORDER BY c.case_number DESC
        LIMIT ${MAX_LOOKUP_MATCHES}`,
      [organizationId, referenceHmac(this.config.referenceHmacKey, organizationId, reference)],
    )) as (CaseRecord & { repeat: boolean })[];
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
