import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { notVisible } from '../auth/not-visible.exception';
import type { RequestContext } from '../common/auth/request-context';
import { conflict, FieldError, forbidden, notFound, unprocessable } from '../common/http/domain.exception';
import { Organization } from '../organizations/entities/organization.entity';
import { ReasonCodeKind } from '../reason-codes/reason-code-kind';
import { ReasonCodesService } from '../reason-codes/reason-codes.service';
import { ReminderPlanner } from '../reminders/reminder-planner';
import { RoutineVersion } from '../routines/entities/routine-version.entity';
import { findVisibleRoutine } from '../routines/routine-access';
import { RoutinesRepository } from '../routines/routines.repository';
import { canManageAdoption, canReadAdoption } from './adoption-access';
import { reviewReminders } from './adoption-reminders';
import { DEFAULT_REVIEW_INTERVAL_MONTHS, latestDay, nextReviewDue } from './adoption-review';
import { swedishDay } from '../common/time/swedish-time';
import { approvalErrors, followUpErrors, partnerErrors } from './adoption-rules';
import { AdoptionStatus, canMove } from './adoption-status';
import { adoptionViews, partnersOf } from './adoption-view';
import { AdoptionDto, CreateAdoptionDto, UpdateAdoptionDto } from './dto/adoption.dto';
import { CreateFollowUpDto, FollowUpDto } from './dto/follow-up.dto';
import { Adoption } from './entities/adoption.entity';
import { AdoptionFollowUp } from './entities/adoption-follow-up.entity';
import { AdoptionPartner } from './entities/adoption-partner.entity';

const invalid = (errors: FieldError[]) => {
  if (errors.length > 0) {
    throw unprocessable('adoption.invalid', 'The adoption breaks one or more rules; see errors.', errors);
  }
};

/** Adopting routines, moving adoptions through their statuses and recording follow-ups. */
@Injectable()
export class AdoptionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly reasonCodes: ReasonCodesService,
    private readonly reminders: ReminderPlanner,
    private readonly routines: RoutinesRepository,
  ) {}

  async create(ctx: RequestContext, dto: CreateAdoptionDto): Promise<AdoptionDto> {
    if (dto.organizationId !== ctx.user.organizationId) {
      throw forbidden('adoption.other_organization', 'You record adoptions for your own organisation only.');
    }
    const now = new Date();
    const approval = { approvedAt: dto.approvedAt ?? null, approvedBy: dto.approvedBy ?? null };
    invalid(
      approvalErrors(
        dto.status,
        approval,
        { approvedAt: dto.approvedAt !== undefined, approvedBy: dto.approvedBy !== undefined },
        swedishDay(now),
      ),
    );
    const partnerIds = dto.partnerOrganizationIds ?? [];
    return this.dataSource.transaction(async (manager) => {
      await this.requireAdoptableVersion(manager, ctx, dto.routineId, dto.version);
      await this.requirePartners(manager, partnerIds, dto.organizationId);
      const live = await manager.existsBy(Adoption, {
        organizationId: dto.organizationId,
        routineId: dto.routineId,
        status: In(LIVE_STATUSES),
      });
      if (live) {
        throw conflict(
          'adoption.exists',
          'Your organisation already has an adoption of this routine; change that one instead.',
        );
      }
      const reviewIntervalMonths = dto.reviewIntervalMonths ?? DEFAULT_REVIEW_INTERVAL_MONTHS;
      const adoption = await manager.save(
        manager.create(Adoption, {
          routineId: dto.routineId,
          routineVersion: dto.version,
          organizationId: dto.organizationId,
          status: dto.status,
          ...approval,
          reviewIntervalMonths,
          lastFollowUpAt: null,
          nextReviewDueAt:
            dto.status === AdoptionStatus.Adopted
              ? nextReviewDue(approval.approvedAt, null, reviewIntervalMonths)
              : null,
          discontinuedAt: null,
        }),
      );
      if (partnerIds.length > 0) {
        await manager.insert(
          AdoptionPartner,
          partnerIds.map((organizationId) => ({ adoptionId: adoption.id, organizationId })),
        );
      }
      await this.reminders.replace(manager, { adoptionId: adoption.id }, reviewReminders(adoption));
      const [view] = await adoptionViews(manager, this.routines, [adoption], now);
      await this.audit.append(manager, ctx, {
        action: 'adoption.created',
        entity: { type: 'adoption', id: adoption.id },
        organizationIds: [adoption.organizationId, ...partnerIds],
        data: { ...auditFacts(adoption), partnerOrganizationIds: partnerIds },
      });
      return view;
    });
  }

  async update(ctx: RequestContext, id: string, dto: UpdateAdoptionDto): Promise<AdoptionDto> {
    const now = new Date();
    return this.dataSource.transaction(async (manager) => {
      const { adoption, partnerIds } = await this.findForChange(manager, ctx, id);
      const from = adoption.status;
      const to = dto.status ?? from;
      if (from === AdoptionStatus.Discontinued) {
        throw conflict(
          'adoption.discontinued',
          'A discontinued adoption no longer changes; record a new adoption instead.',
        );
      }
      if (to !== from && !canMove(from, to)) {
        throw conflict('adoption.illegal_transition', `An adoption cannot move from ${from} to ${to}.`);
      }
      const changed = Object.entries(dto)
        .filter(([, value]) => value !== undefined)
        .map(([field]) => field);

      if (dto.version !== undefined && dto.version !== adoption.routineVersion) {
        await this.requireAdoptableVersion(manager, ctx, adoption.routineId, dto.version);
        adoption.routineVersion = dto.version;
      }
      const partners = dto.partnerOrganizationIds ?? partnerIds;
      if (dto.partnerOrganizationIds) {
        await this.requirePartners(manager, partners, adoption.organizationId);
        await manager.delete(AdoptionPartner, { adoptionId: id });
        if (partners.length > 0) {
          await manager.insert(
            AdoptionPartner,
            partners.map((organizationId) => ({ adoptionId: id, organizationId })),
          );
        }
      }
      const approval = {
        approvedAt: dto.approvedAt ?? adoption.approvedAt,
        approvedBy: dto.approvedBy ?? adoption.approvedBy,
      };
      invalid(
        approvalErrors(
          to,
          approval,
          { approvedAt: dto.approvedAt !== undefined, approvedBy: dto.approvedBy !== undefined },
          swedishDay(now),
        ),
      );
      const previousDue = adoption.nextReviewDueAt;
      Object.assign(adoption, approval, {
        status: to,
        reviewIntervalMonths: dto.reviewIntervalMonths ?? adoption.reviewIntervalMonths,
        discontinuedAt: to === AdoptionStatus.Discontinued ? now : null,
      });
      adoption.nextReviewDueAt =
        to === AdoptionStatus.Adopted
          ? nextReviewDue(adoption.approvedAt, adoption.lastFollowUpAt, adoption.reviewIntervalMonths)
          : null;
      const saved = await manager.save(adoption);
      if (to !== from || saved.nextReviewDueAt !== previousDue) {
        await this.reminders.replace(manager, { adoptionId: saved.id }, reviewReminders(saved));
      }
      const [view] = await adoptionViews(manager, this.routines, [saved], now);
      await this.audit.append(manager, ctx, {
        action: to !== from ? 'adoption.status_changed' : 'adoption.updated',
        entity: { type: 'adoption', id },
        organizationIds: [saved.organizationId, ...new Set([...partnerIds, ...partners])],
        data: {
          from,
          to,
          changed,
          ...auditFacts(saved),
          ...(dto.partnerOrganizationIds ? { partnerOrganizationIds: partners } : {}),
        },
      });
      return view;
    });
  }

  async recordFollowUp(ctx: RequestContext, id: string, dto: CreateFollowUpDto): Promise<FollowUpDto> {
    const { performedAt } = dto;
    return this.dataSource.transaction(async (manager) => {
      const { adoption, partnerIds } = await this.findForChange(manager, ctx, id);
      if (adoption.status !== AdoptionStatus.Adopted) {
        throw conflict('adoption.not_adopted', 'Only an adopted routine is followed up.');
      }
      invalid(followUpErrors(performedAt, adoption.approvedAt, swedishDay()));
      await this.reasonCodes.assertUsable(manager, ReasonCodeKind.FollowUpOutcome, dto.outcomeCode);
      const followUp = await manager.save(
        manager.create(AdoptionFollowUp, {
          adoptionId: id,
          performedAt,
          outcomeCode: dto.outcomeCode,
          note: dto.note ?? null,
          recordedBy: ctx.user.id,
        }),
      );
      adoption.lastFollowUpAt = latestDay(adoption.lastFollowUpAt, performedAt);
      adoption.nextReviewDueAt = nextReviewDue(
        adoption.approvedAt,
        adoption.lastFollowUpAt,
        adoption.reviewIntervalMonths,
      );
      const saved = await manager.save(adoption);
      await this.reminders.replace(manager, { adoptionId: saved.id }, reviewReminders(saved));
      await this.audit.append(manager, ctx, {
        action: 'adoption.follow_up_recorded',
        entity: { type: 'adoption', id },
        organizationIds: [saved.organizationId, ...partnerIds],
        data: {
          followUpId: followUp.id,
          performedAt,
          outcomeCode: followUp.outcomeCode,
          withNote: followUp.note !== null,
          lastFollowUpAt: saved.lastFollowUpAt,
          nextReviewDueAt: saved.nextReviewDueAt,
        },
      });
      return FollowUpDto.from(followUp);
    });
  }

  /** The adoption, locked, if the caller may manage it: 404 when they may not even see it, 403 when they only read it. */
  private async findForChange(
    manager: EntityManager,
    ctx: RequestContext,
    id: string,
  ): Promise<{ adoption: Adoption; partnerIds: string[] }> {
    const adoption = await manager.findOne(Adoption, { where: { id }, lock: { mode: 'pessimistic_write' } });
    const partnerIds = adoption ? ((await partnersOf(manager, [id])).get(id) ?? []) : [];
    if (!adoption) {
      throw notFound('adoption');
    }
    if (!canReadAdoption(ctx.user, adoption.organizationId, partnerIds)) {
      throw notVisible('adoption');
    }
    if (!canManageAdoption(ctx.user, adoption.organizationId)) {
      throw forbidden('adoption.not_manager', "Only the adopting organisation's coordinators manage an adoption.");
    }
    return { adoption, partnerIds };
  }

  /** A published version of a routine the caller sees and that is not retired (the routine row is share-locked against a concurrent retire). */
  private async requireAdoptableVersion(
    manager: EntityManager,
    ctx: RequestContext,
    routineId: string,
    version: number,
  ): Promise<void> {
    const routine = await findVisibleRoutine(manager, ctx.user, routineId, 'pessimistic_read');
    if (routine.retiredAt) {
      throw conflict('routine.retired', 'The routine is retired and can no longer be adopted.');
    }
    if (!(await manager.existsBy(RoutineVersion, { routineId, version }))) {
      invalid([
        { field: 'version', code: 'not_published', message: `The routine has no published version ${version}.` },
      ]);
    }
  }

  private async requirePartners(
    manager: EntityManager,
    partnerIds: string[],
    adoptingOrganizationId: string,
  ): Promise<void> {
    const found = partnerIds.length
      ? await manager.find(Organization, { select: { id: true }, where: { id: In(partnerIds) } })
      : [];
    invalid(partnerErrors(partnerIds, new Set(found.map((organization) => organization.id)), adoptingOrganizationId));
  }
}

const LIVE_STATUSES = [AdoptionStatus.Planned, AdoptionStatus.Implementing, AdoptionStatus.Adopted];

/** Coded facts of an adoption for the audit trail. */
const auditFacts = (adoption: Adoption) => ({
  routineId: adoption.routineId,
  version: adoption.routineVersion,
  organizationId: adoption.organizationId,
  status: adoption.status,
  approvedAt: adoption.approvedAt,
  approvedBy: adoption.approvedBy,
  reviewIntervalMonths: adoption.reviewIntervalMonths,
  nextReviewDueAt: adoption.nextReviewDueAt,
});
