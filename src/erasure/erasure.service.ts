import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RedactableAuditField } from '../audit/audit-redaction';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/auth/request-context';
import { conflict, notFound, unprocessable } from '../common/http/domain.exception';
import { decodeCursor, Page, toPage } from '../common/pagination/pagination';
import { triedAndRolledBack } from '../database/transaction-control';
import { CreateErasureRequestDto, ErasureRequestDto, ErasureRequestQueryDto } from './dto/erasure-request.dto';
import { ErasureRequest, erasureRequests } from './erasure-request.repository';
import { requireDecidable, requireErasureReader, requireWithdrawable } from './erasure-rules';
import { storedPersonalData } from './personal-data-scan';
import {
  AUDIT_TABLE,
  eraseTarget,
  erasureFailureOf,
  readTarget,
  ResolvedTarget,
  resolveTarget,
} from './erasure-target';

const DRY_RUN = 'erasure_dry_run';

/**
 * Two-person erasure of a value the privacy scan found: an admin requests it, an auditor (someone else) approves it,
 * and the approval replaces the value with the marker — in the audit trail through `audit_redact_event` — in one
 * transaction with its audit event. Requests, decisions and erasures are audited with ids and codes only.
 */
@Injectable()
export class ErasureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Checks the target holds what the scan found and that the erasure would go through (tried, then rolled back). */
  async request(ctx: RequestContext, dto: CreateErasureRequestDto): Promise<ErasureRequestDto> {
    return this.dataSource.transaction(async (manager) => {
      const target = await resolveTarget(manager, dto);
      if (storedPersonalData((await readTarget(manager, target)) ?? '') !== dto.kind) {
        throw unprocessable(
          'erasure_request.not_detected',
          `The target does not hold a value detected as ${dto.kind}.`,
          [{ field: 'kind', code: 'not_detected' }],
        );
      }
      const created = await erasureRequests.insert(manager, {
        ...target,
        kind: dto.kind,
        reasonCode: dto.reasonCode,
        requestedBy: ctx.user.id,
      });
      if (!created) {
        throw conflict('erasure_request.already_requested', 'An erasure of this value is pending already.');
      }
      await this.dryRun(manager, ctx, target, created);
      await this.audit.append(manager, ctx, {
        action: 'erasure_request.created',
        entity: { type: 'erasure_request', id: created.id },
        data: describe(created),
      });
      return ErasureRequestDto.from(created);
    });
  }

  async approve(ctx: RequestContext, id: string): Promise<ErasureRequestDto> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.lock(manager, id);
      requireDecidable(request, ctx.user);
      const target = await resolveTarget(manager, request);
      if (storedPersonalData((await readTarget(manager, target)) ?? '') !== request.kind) {
        throw conflict(
          'erasure_request.target_changed',
          'The value is no longer there as requested; reject the request.',
        );
      }
      const performed = await erasureRequests.decide(manager, id, 'performed', ctx.user.id);
      await this.erase(manager, ctx, target, performed).catch(failed);
      return ErasureRequestDto.from(performed);
    });
  }

  async reject(ctx: RequestContext, id: string): Promise<ErasureRequestDto> {
    return this.close(ctx, id, 'rejected', (request) => requireDecidable(request, ctx.user));
  }

  async withdraw(ctx: RequestContext, id: string): Promise<ErasureRequestDto> {
    return this.close(ctx, id, 'withdrawn', (request) => requireWithdrawable(request, ctx.user));
  }

  async get(ctx: RequestContext, id: string): Promise<ErasureRequestDto> {
    requireErasureReader(ctx.user);
    const request = await erasureRequests.find(this.dataSource.manager, id);
    if (!request) {
      throw notFound('erasure_request');
    }
    return ErasureRequestDto.from(request);
  }

  async list(ctx: RequestContext, query: ErasureRequestQueryDto): Promise<Page<ErasureRequestDto>> {
    requireErasureReader(ctx.user);
    const cursor = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    const after = cursor ? { requestedAt: String(cursor[0]), id: String(cursor[1]) } : undefined;
    const requests = await erasureRequests.list(this.dataSource.manager, {
      status: query.status,
      after,
      limit: query.limit + 1,
    });
    return toPage(
      requests,
      query.limit,
      (r) => [r.requestedAt.toISOString(), r.id],
      (row) => ErasureRequestDto.from(row),
    );
  }

  private async close(
    ctx: RequestContext,
    id: string,
    status: 'rejected' | 'withdrawn',
    check: (request: ErasureRequest) => void,
  ): Promise<ErasureRequestDto> {
    return this.dataSource.transaction(async (manager) => {
      check(await this.lock(manager, id));
      const closed = await erasureRequests.decide(manager, id, status, status === 'rejected' ? ctx.user.id : null);
      await this.audit.append(manager, ctx, {
        action: `erasure_request.${status}`,
        entity: { type: 'erasure_request', id },
        data: describe(closed),
      });
      return ErasureRequestDto.from(closed);
    });
  }

  private async lock(manager: EntityManager, id: string): Promise<ErasureRequest> {
    const request = await erasureRequests.find(manager, id, true);
    if (!request) {
      throw notFound('erasure_request');
    }
    return request;
  }

  /** The erasure and its audit event; the event is the transaction's last statement. */
  private async erase(
    manager: EntityManager,
    ctx: RequestContext,
    target: ResolvedTarget,
    request: ErasureRequest,
  ): Promise<void> {
    const record = {
      erasureRequestId: request.id,
      requestedBy: request.requestedBy,
      approvedBy: request.decidedBy,
      reasonCode: request.reasonCode,
      kind: request.kind,
    };
    if (target.table === AUDIT_TABLE) {
      const sequence = Number(target.row.sequence);
      await this.audit.redact(manager, ctx, {
        sequence,
        field: target.column as RedactableAuditField,
        path: target.path,
        target: target.target,
        record,
      });
      return;
    }
    await eraseTarget(manager, target);
    await this.audit.append(manager, ctx, {
      action: 'personal_data.erased',
      entity: { type: 'erasure_request', id: request.id },
      data: {
        ...record,
        table: target.table,
        column: target.column,
        row: target.row,
        path: target.path,
        target: target.target,
      },
    });
  }

  /** Performs the erasure inside a savepoint and rolls it back: a marker the column refuses is found at request time. */
  private async dryRun(
    manager: EntityManager,
    ctx: RequestContext,
    target: ResolvedTarget,
    request: ErasureRequest,
  ): Promise<void> {
    await triedAndRolledBack(manager, DRY_RUN, () => this.erase(manager, ctx, target, request)).catch(failed);
  }
}

/** What the audit trail records of a request: its target and codes, never the value. */
function describe(request: ErasureRequest): Record<string, unknown> {
  const { table, column, row, path, target, kind, reasonCode, status, requestedBy, decidedBy } = request;
  return { table, column, row, path, target, kind, reasonCode, status, requestedBy, decidedBy };
}

function failed(error: unknown): never {
  const failure = erasureFailureOf(error);
  if (failure === 'marker_refused') {
    throw unprocessable(
      'erasure_request.marker_refused',
      'The column does not accept the redaction marker; this value needs a data migration.',
    );
  }
  if (failure === 'target_gone') {
    throw conflict('erasure_request.target_changed', 'The value is no longer there as requested.');
  }
  throw error;
}
