import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../common/auth/request-context';
import { DomainErrorKind, DomainException } from '../common/http/domain.exception';
import { AssessmentMethodsService } from '../assessment-methods/assessment-methods.service';
import { ReasonCodeKind } from '../reason-codes/reason-code-kind';
import { ReasonCodesService } from '../reason-codes/reason-codes.service';
import { assertStepOwner } from './case-access';
import { CaseChanges } from './case-changes';
import type { CaseRef } from './case-ref';
import { CaseStepStatus } from './case-status';
import {
  activateReadySteps,
  assertAssessmentAllowed,
  AssessmentResult,
  assertOutcomeAllowed,
  assertTransition,
  CONDITION_NOT_MET_REASON,
  finishStep,
} from './case-step-rules';
import { CaseDto } from './dto/case.dto';
import type { CompleteStepDto, SkipStepDto } from './dto/step-action.dto';

/** Completing and skipping steps, by the owner organisation, one change at a time per case. */
@Injectable()
export class CaseStepsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: CaseChanges,
    private readonly reasonCodes: ReasonCodesService,
    private readonly assessmentMethods: AssessmentMethodsService,
  ) {}

  complete(ctx: RequestContext, ref: CaseRef, key: string, dto: CompleteStepDto): Promise<CaseDto> {
    return this.finish(ctx, ref, key, CaseStepStatus.Done, {
      outcomeCode: dto.outcomeCode,
      note: dto.note,
      assessment: dto.assessment && { method: dto.assessment.method, level: dto.assessment.level },
    });
  }

  skip(ctx: RequestContext, ref: CaseRef, key: string, dto: SkipStepDto): Promise<CaseDto> {
    return this.finish(ctx, ref, key, CaseStepStatus.Skipped, { reasonCode: dto.reasonCode, note: dto.note });
  }

  private finish(
    ctx: RequestContext,
    ref: CaseRef,
    key: string,
    status: CaseStepStatus.Done | CaseStepStatus.Skipped,
    how: { outcomeCode?: string; reasonCode?: string; note?: string; assessment?: AssessmentResult },
  ): Promise<CaseDto> {
    return this.dataSource.transaction(async (manager) => {
      // Before the case lock, so the lock is not held for it; completions keep the outcome codes copied into the step.
      if (how.reasonCode !== undefined) {
        await this.reasonCodes.assertUsable(manager, ReasonCodeKind.StepSkip, how.reasonCode);
      }
      const levels = how.assessment && (await this.assessmentMethods.levelsOf(manager, how.assessment.method));
      const { kase, steps } = await this.changes.lockOpenCase(manager, ctx, ref);
      const step = steps.find((candidate) => candidate.key === key);
      if (!step) {
        throw unknownStep(steps.map((candidate) => candidate.key));
      }
      assertStepOwner(ctx.user, step);
      assertTransition(step, status, steps);
      if (how.outcomeCode !== undefined) {
        assertOutcomeAllowed(step, how.outcomeCode);
      }
      if (status === CaseStepStatus.Done) {
        assertAssessmentAllowed(step, how.assessment, levels);
      }
      const now = new Date();
      finishStep(step, { status, ...how, by: ctx.user.id, at: now });
      const { activated, skipped } = activateReadySteps(steps, kase.openedAt, now);
      await this.changes.record(manager, ctx, kase, {
        action: status === CaseStepStatus.Done ? 'case.step.completed' : 'case.step.skipped',
        data: {
          stepKey: key,
          ...(how.outcomeCode !== undefined ? { outcomeCode: how.outcomeCode } : { reasonCode: how.reasonCode }),
          metDeadline: step.metDeadline,
          hasNote: how.note !== undefined,
          ...(how.assessment ? { assessment: how.assessment } : {}),
          activatedSteps: activated.map((next) => next.key),
          ...(skipped.length > 0
            ? { conditionSkippedSteps: skipped.map((next) => next.key), conditionSkipReason: CONDITION_NOT_MET_REASON }
            : {}),
        },
        activated,
        finished: [step, ...skipped],
      });
      return CaseDto.of(kase, steps);
    });
  }
}

/** A 404 that names the case's step keys (never the key asked for), so a typo is found without reading the case. */
function unknownStep(stepKeys: string[]): DomainException {
  return new DomainException(
    DomainErrorKind.NotFound,
    'case_step.not_found',
    `The case has no step with this key; its steps are ${stepKeys.join(', ')}.`,
    [{ field: 'key', code: 'unknown_step', stepKeys }],
  );
}
