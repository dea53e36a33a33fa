import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../common/auth/request-context';
import { conflict, unprocessable } from '../common/http/domain.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { ReasonCodeKind } from '../reason-codes/reason-code-kind';
import { ReasonCodesService } from '../reason-codes/reason-codes.service';
import type { RoutineStepDefinition } from '../routines/routine-definition';
import { RoutinesRepository } from '../routines/routines.repository';
import { assertMayForceClose } from './case-access';
import { CaseChanges } from './case-changes';
import type { CaseRef } from './case-ref';
import { referenceHmac } from './case-reference';
import { CaseStatus, CaseStepStatus } from './case-status';
import { activateReadySteps, assertClosable, finishStep, isFinished } from './case-step-rules';
import { CaseRecord, CasesRepository, LAST_CASE_NUMBER } from './cases.repository';
import { swedishYear } from '../common/time/swedish-time';
import { CaseDto } from './dto/case.dto';
import type { CreateCaseDto } from './dto/create-case.dto';
import type { CloseCaseDto } from './dto/step-action.dto';
import { CaseStep } from './entities/case-step.entity';
import { assignOwners } from './step-owners';

/** The reason given to steps still open when a coordinator forces a case closed: a system-only code of the catalogue. */
export const CASE_CLOSED_REASON = 'case_closed';

/** Opening and closing collaboration cases. */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CasesRepository,
    private readonly routines: RoutinesRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly changes: CaseChanges,
    private readonly reasonCodes: ReasonCodesService,
  ) {}

  async create(ctx: RequestContext, dto: CreateCaseDto): Promise<CaseDto> {
    const organizationId = ctx.user.organizationId;
    if (!dto.participants.includes(organizationId)) {
      throw unprocessable('case.caller_not_participant', 'Your organisation must be one of the participants.', [
        { field: 'participants', code: 'caller_missing' },
      ]);
    }
    const hmac =
      dto.externalReference === undefined
        ? null
        : referenceHmac(this.config.referenceHmacKey, organizationId, dto.externalReference);
    return this.dataSource.transaction(async (manager) => {
      const routine = await this.routines.versionToRun(manager, dto.routineId, dto.version);
      if (!routine) {
        throw unprocessable('case.unknown_routine', 'The routine does not exist or has no published version.', [
          { field: 'routineId', code: 'unknown' },
        ]);
      }
      if (routine.retired) {
        throw conflict('routine.retired', 'The routine is retired: it starts no new cases.');
      }
      if (routine.version === null || routine.definition === null) {
        throw unprocessable('case.unknown_version', 'The routine has no such published version.', [
          { field: 'version', code: 'unknown' },
        ]);
      }
      const organizations = await this.organizations.types(manager, dto.participants);
      const unknown = dto.participants.filter((id) => !organizations.some((organization) => organization.id === id));
      if (unknown.length > 0) {
        throw unprocessable(
          'case.unknown_participant',
          'Some participants are not organisations.',
          unknown.map((id) => ({ field: 'participants', code: 'unknown', organizationId: id })),
        );
      }
      const owners = assignOwners(routine.definition.steps, organizations, dto.owners ?? {}, organizationId);

      const openedAt = new Date();
      const inserted = await this.cases.insertCase(manager, {
        year: swedishYear(openedAt),
        routineId: dto.routineId,
        routineVersion: routine.version,
        openedAt,
        openedBy: ctx.user.id,
        openedByOrganizationId: organizationId,
        referenceHmac: hmac,
        referenceOrganizationId: hmac ? organizationId : null,
      });
      if (!inserted) {
        throw conflict(
          'case.numbers_exhausted',
          `All ${LAST_CASE_NUMBER.toLocaleString('en')} case numbers of this year are in use; no case can be opened until the year changes.`,
        );
      }
      const { id, caseNumber } = inserted;
      const participants = [...dto.participants].sort();
      await this.cases.insertParticipants(manager, id, participants);
      const steps = routine.definition.steps.map((definition, position) =>
        newStep(id, definition, position, owners.get(definition.key) as string),
      );
      // Only steps without dependencies are ready, and a condition names a dependency: none is skipped here.
      const { activated } = activateReadySteps(steps, openedAt, openedAt);
      await this.cases.insertSteps(manager, steps);

      const kase: CaseRecord = {
        id,
        caseNumber,
        routineId: dto.routineId,
        routineVersion: routine.version,
        status: CaseStatus.Open,
        openedAt,
        openedBy: ctx.user.id,
        openedByOrganizationId: organizationId,
        closedAt: null,
        closedBy: null,
        closureCode: null,
        referenceOrganizationId: hmac ? organizationId : null,
        participants,
      };
      await this.changes.record(manager, ctx, kase, {
        action: 'case.created',
        // Whether a reference was given, never the reference nor its HMAC.
        data: {
          routineId: kase.routineId,
          routineVersion: kase.routineVersion,
          participants,
          owners: Object.fromEntries(owners),
          hasExternalReference: hmac !== null,
        },
        activated,
        finished: [],
        stepsInserted: true,
        caseEvents: [
          { type: 'case.created', payload: { routineId: kase.routineId, routineVersion: kase.routineVersion } },
        ],
      });
      return CaseDto.of(kase, steps);
    });
  }

  /** Closes a case whose steps are all finished, or (coordinators, `force`) skips the open ones with reason `case_closed`. */
  async close(ctx: RequestContext, ref: CaseRef, dto: CloseCaseDto): Promise<CaseDto> {
    const force = dto.force === true;
    return this.dataSource.transaction(async (manager) => {
      await this.reasonCodes.assertUsable(manager, ReasonCodeKind.CaseClosure, dto.closureCode);
      const { kase, steps } = await this.changes.lockOpenCase(manager, ctx, ref);
      // After the visibility check: to anyone outside the case, it does not exist.
      if (force) {
        assertMayForceClose(ctx.user);
      }
      assertClosable(steps, force);
      const now = new Date();
      const skipped = steps.filter((step) => !isFinished(step.status));
      for (const step of skipped) {
        finishStep(step, { status: CaseStepStatus.Skipped, reasonCode: CASE_CLOSED_REASON, by: ctx.user.id, at: now });
      }
      Object.assign(kase, {
        status: CaseStatus.Closed,
        closedAt: now,
        closedBy: ctx.user.id,
        closureCode: dto.closureCode,
      });
      await this.cases.close(manager, kase);
      await this.changes.record(manager, ctx, kase, {
        action: 'case.closed',
        data: { closureCode: dto.closureCode, forced: force, skippedSteps: skipped.map((step) => step.key) },
        activated: [],
        finished: skipped,
        caseEvents: [{ type: 'case.closed', payload: { closureCode: dto.closureCode, forced: force } }],
      });
      return CaseDto.of(kase, steps);
    });
  }
}

/** A case's step as instantiated from its routine step: waiting until activated. */
function newStep(
  caseId: string,
  definition: RoutineStepDefinition,
  position: number,
  ownerOrganizationId: string,
): CaseStep {
  return Object.assign(new CaseStep(), {
    caseId,
    key: definition.key,
    position,
    title: definition.title,
    ownerOrganizationId,
    status: CaseStepStatus.Waiting,
    dependsOn: definition.dependsOn,
    dueAfter: definition.dueAfter,
    dueFrom: definition.dueFrom,
    // Stored definitions are JSON: optional parts may be absent rather than false or null.
    workingDays: definition.workingDays ?? false,
    remindBefore: definition.remindBefore ?? null,
    escalateAfter: definition.escalateAfter ?? null,
    outcomeCodes: definition.outcomeCodes,
    activatedAt: null,
    dueAt: null,
    completedAt: null,
    completedBy: null,
    outcomeCode: null,
    reasonCode: null,
    note: null,
    metDeadline: null,
    conditions: definition.when ?? [],
    assessmentMethods: definition.assessment?.methods ?? [],
    assessmentMethod: null,
    assessmentLevel: null,
  });
}
