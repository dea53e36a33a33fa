import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../common/auth/request-context';
import { DomainErrorKind, DomainException } from '../common/http/domain.exception';
import { decodeCursor, Page, toPage } from '../common/pagination/pagination';
import type { AuditAction } from './audit-actions';
import { AuditEntry, AuditService } from './audit.service';
import { AuditEventFilter, readAuditEvents, readChainHead } from './audit-event.repository';
import { auditExportStream } from './audit-export';
import { readRedactions } from './audit-redaction';
import { auditVisibilityOf } from './audit-visibility';
import {
  AuditEventDto,
  AuditEventFilterDto,
  AuditEventQueryDto,
  AuditExportFormat,
  AuditExportQueryDto,
} from './dto/audit-event.dto';

const EXPORT_BATCH_SIZE = 1000;
const TRAIL = { type: 'audit_event', id: 'trail' };

/** Lists and exports the audit trail for auditors and admins; each read is itself audited. */
@Injectable()
export class AuditEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext, query: AuditEventQueryDto): Promise<Page<AuditEventDto>> {
    const filter = toFilter(query);
    const links = await readAuditEvents(
      this.dataSource.manager,
      { visibility: auditVisibilityOf(ctx.user), filter, afterSequence: afterSequenceOf(query.cursor) },
      query.limit + 1,
    );
    await this.audit.record(ctx, readEntry('audit_event.listed', filter));
    return toPage(
      links,
      query.limit,
      (link) => [link.sequence],
      (row) => AuditEventDto.from(row),
    );
  }

  /** Audits the export, then streams every matching event up to the head as it was when the export began. */
  async export(
    ctx: RequestContext,
    query: AuditExportQueryDto,
  ): Promise<{ format: AuditExportFormat; stream: Readable }> {
    const filter = toFilter(query);
    const visibility = auditVisibilityOf(ctx.user);
    const { sequence: throughSequence } = await readChainHead(this.dataSource.manager);
    await this.audit.record(ctx, readEntry('audit_event.exported', filter, { format: query.format, throughSequence }));
    const readAfter = (afterSequence: number) =>
      readAuditEvents(
        this.dataSource.manager,
        { visibility, filter, afterSequence, throughSequence },
        EXPORT_BATCH_SIZE,
      );
    const redactions = await readRedactions(this.dataSource.manager, throughSequence);
    return { format: query.format, stream: auditExportStream(query.format, readAfter, redactions) };
  }
}

function toFilter(query: AuditEventFilterDto): AuditEventFilter {
  return {
    from: instant(query.from, 'from'),
    to: instant(query.to, 'to'),
    action: query.action,
    actorUserId: query.actorUserId,
    organizationId: query.organizationId,
    entityType: query.entityType,
    entityId: query.entityId,
  };
}

/** ISO 8601 that JavaScript cannot represent (beyond ±275760 years) is a client error, not a 500. */
function instant(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) {
    return undefined;
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new DomainException(
      DomainErrorKind.BadRequest,
      'audit_event.invalid_instant',
      `${field} is not a representable instant.`,
      [{ field, code: 'is_iso8601' }],
    );
  }
  return date;
}

/** The audited read records the filters used (all closed formats) and concerns the organisation filtered on. */
function readEntry(action: AuditAction, filter: AuditEventFilter, extra: Record<string, unknown> = {}): AuditEntry {
  const filters = Object.fromEntries(
    Object.entries(filter)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  );
  return {
    action,
    entity: TRAIL,
    organizationIds: filter.organizationId ? [filter.organizationId] : [],
    data: { ...extra, filters },
  };
}

function afterSequenceOf(cursor: string | undefined): number {
  const key = decodeCursor(cursor, ['bigint']);
  return key ? Number(key[0]) : 0;
}
