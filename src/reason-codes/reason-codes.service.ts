import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/auth/request-context';
import { conflict, notFound } from '../common/http/domain.exception';
import { decodeCursor, Page, toPage } from '../common/pagination/pagination';
import { CreateReasonCodeDto, ReasonCodeDto, ReasonCodeKeyDto, ReasonCodeQueryDto } from './dto/reason-code.dto';
import { ReasonCode } from './entities/reason-code.entity';
import { ReasonCodeKind } from './reason-code-kind';
import { ReasonCodesRepository } from './reason-codes.repository';
import { reasonCodeRefusal, refusedReasonCode } from './reason-code-rules';

/**
 * The installation's closed sets of skip reasons, closure codes and follow-up outcomes: one catalogue for every
 * organisation, since a case's participants read each other's codes and reports compare them across organisations.
 */
@Injectable()
export class ReasonCodesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly reasonCodes: ReasonCodesRepository,
  ) {}

  /**
   * 422 unless `code` is an active, user-choosable code of `kind`: one primary-key lookup in the caller's transaction.
   * Codes are never deleted, so the only race is with a retirement committing meanwhile; the use then counts as
   * made before it, which is what retiring allows for rows that already hold the code.
   */
  async assertUsable(manager: EntityManager, kind: ReasonCodeKind, code: string): Promise<void> {
    const standing = await this.reasonCodes.standing(manager, kind, code);
    const refusal = reasonCodeRefusal(standing);
    if (refusal) {
      throw refusedReasonCode(kind, refusal);
    }
  }

  async list(query: ReasonCodeQueryDto): Promise<Page<ReasonCodeDto>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(ReasonCode, 'r')
      .orderBy('r.kind', 'ASC')
      .addOrderBy('r.code', 'ASC')
      .limit(query.limit + 1);
    if (query.kind) {
      qb.andWhere('r.kind = :kind', { kind: query.kind });
    }
    if (query.includeRetired !== true) {
      qb.andWhere('r.retired_at IS NULL');
    }
    const after = decodeCursor(query.cursor, ['text', 'text']);
    if (after) {
      qb.andWhere('(r.kind, r.code) > (:afterKind, :afterCode)', {
        afterKind: String(after[0]),
        afterCode: String(after[1]),
      });
    }
    return toPage(
      await qb.getMany(),
      query.limit,
      (row) => [row.kind, row.code],
      (row) => ReasonCodeDto.from(row),
    );
  }

  /** Adds a code; 409 when its kind already has it (retired or not: a code keeps one meaning for good). */
  async create(ctx: RequestContext, dto: CreateReasonCodeDto): Promise<ReasonCodeDto> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await this.reasonCodes.insertIfNew(manager, {
        kind: dto.kind,
        code: dto.code,
        labelSv: dto.labelSv,
        labelEn: dto.labelEn,
        createdBy: ctx.user.id,
      });
      if (!inserted) {
        throw conflict('reason_code.duplicate', `Kind ${dto.kind} already has this code.`);
      }
      await this.audit.append(manager, ctx, {
        action: 'reason_code.created',
        entity: entityOf(dto),
        data: { kind: dto.kind, code: dto.code },
      });
      return {
        kind: dto.kind,
        code: dto.code,
        labelSv: dto.labelSv,
        labelEn: dto.labelEn,
        systemOnly: false,
        createdAt: inserted.createdAt,
        retiredAt: null,
      };
    });
  }

  /** Refuses the code for new use; the rows that hold it stay as they are. */
  async retire(ctx: RequestContext, key: ReasonCodeKeyDto): Promise<ReasonCodeDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(ReasonCode, {
        where: { kind: key.kind, code: key.code },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) {
        throw notFound('reason_code');
      }
      if (row.systemOnly) {
        throw conflict('reason_code.system_only', 'The system itself writes this code: it cannot be retired.');
      }
      if (row.retiredAt) {
        throw conflict('reason_code.retired', 'The code is already retired.');
      }
      Object.assign(row, { retiredAt: new Date(), retiredBy: ctx.user.id });
      await manager.update(
        ReasonCode,
        { kind: row.kind, code: row.code },
        { retiredAt: row.retiredAt, retiredBy: row.retiredBy },
      );
      await this.audit.append(manager, ctx, {
        action: 'reason_code.retired',
        entity: entityOf(row),
        data: { kind: row.kind, code: row.code },
      });
      return ReasonCodeDto.from(row);
    });
  }
}

const entityOf = (key: { kind: ReasonCodeKind; code: string }) => ({
  type: 'reason_code',
  id: `${key.kind}:${key.code}`,
});
