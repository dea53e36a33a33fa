import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../common/auth/request-context';
import { forbidden, notFound } from '../common/http/domain.exception';
import { ReasonCodeKind } from '../reason-codes/reason-code-kind';
import { ReasonCodesService } from '../reason-codes/reason-codes.service';
import { CaseChanges } from './case-changes';
import { CaseStepStatus } from './case-status';
import { activateReadySteps, assertOutcomeAllowed, assertTransition, finishStep } from './case-step-rules';
import { CaseDto } from './dto/case.dto';
import type { CompleteStepDto, SkipStepDto } from './dto/step-action.dto';

/** Completing and skipping steps, by the owner organisation, one change at a time per case. */
@Injectable()
export class CaseStepsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: CaseChanges,
    private readonly reasonCodes: ReasonCodesService,
  ) {}

  complete(ctx: RequestContext, caseId: string, key: string, dto: CompleteStepDto): Promise<CaseDto> {
    return this.finish(ctx, caseId, key, CaseStepStatus.Done, { outcomeCode: dto.outcomeCode, note: dto.note });
  }

  skip(ctx: RequestContext, caseId: string, key: string, dto: SkipStepDto): Promise<CaseDto> {
    return this.finish(ctx, caseId, key, CaseStepStatus.Skipped, { reasonCode: dto.reasonCode, note: dto.note });
  }

  private finish(
    ctx: RequestContext,
    caseId: string,
    key: string,
    status: CaseStepStatus.Done | CaseStepStatus.Skipped,
    how: { outcomeCode?: string; reasonCode?: string; note?: string },
  ): Promise<CaseDto> {
    return this.dataSource.transaction(async (manager) => {
      // Before the case lock, so the lock is not held for it; completions keep the outcome codes copied into the step.
      if (how.reasonCode !== undefined) await this.reasonCodes.assertUsable(manager, ReasonCodeKind.StepSkip, how.reasonCode);
      const { kase, steps } = await this.changes.lockOpenCase(manager, ctx, caseId);
      const step = steps.find((candidate) => candidate.key === key);
      if (!step) throw notFound('case_step');
      if (step.ownerOrganizationId !== ctx.user.organizationId) {
        throw forbidden('case_step.not_owner', `Step "${key}" is owned by another participant: only its staff complete or skip it.`);
      }
      assertTransition(step, status, steps);
      if (how.outcomeCode !== undefined) assertOutcomeAllowed(step, how.outcomeCode);
      const now = new Date();
      finishStep(step, { status, ...how, by: ctx.user.id, at: now });
      const activated = activateReadySteps(steps, kase.openedAt, now);
      await this.changes.record(manager, ctx, kase, {
        action: status === CaseStepStatus.Done ? 'case.step.completed' : 'case.step.skipped',
        data: {
          stepKey: key,
          ...(how.outcomeCode !== undefined ? { outcomeCode: how.outcomeCode } : { reasonCode: how.reasonCode }),
          metDeadline: step.metDeadline,
          hasNote: how.note !== undefined,
          activatedSteps: activated.map((next) => next.key),
        },
        activated,
        finished: [step],
      });
      return CaseDto.of(kase, steps);
    });
  }
}
