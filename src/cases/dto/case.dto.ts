import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STEP_STATUSES, CaseStatus, CaseStepStatus } from '../case-status';
import { CONDITION_NOT_MET_REASON, unmetConditions } from '../case-step-rules';
import type { CaseStep } from '../entities/case-step.entity';
import type { CollaborationCase } from '../entities/collaboration-case.entity';

/** A case row as read: the reference HMAC never leaves the database. */
type CaseFields = Omit<CollaborationCase, 'referenceHmac'>;

export class StepConditionViewDto {
  @ApiProperty({ description: 'The earlier step the condition reads' }) step!: string;
  @ApiPropertyOptional({ type: [String] }) outcomeIn?: string[];
  @ApiPropertyOptional({ type: [String] }) levelIn?: string[];
}

export class UnmetConditionDto extends StepConditionViewDto {
  @ApiProperty({ enum: CASE_STEP_STATUSES, description: 'How the earlier step ended' }) status!: CaseStepStatus;
  @ApiProperty({ nullable: true, type: String }) outcomeCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) assessmentLevel!: string | null;
}

export class StepAssessmentViewDto {
  @ApiProperty({ example: 'sara_sv' }) method!: string;
  @ApiProperty({ example: 'high' }) level!: string;
}

export class CaseStepDto {
  @ApiProperty() key!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CASE_STEP_STATUSES }) status!: CaseStepStatus;
  @ApiProperty({ format: 'uuid' }) ownerOrganizationId!: string;
  @ApiProperty({ type: [String] }) dependsOn!: string[];
  @ApiProperty({ type: [String], description: 'Outcome codes the step allows' }) outcomeCodes!: string[];
  @ApiProperty({ nullable: true, type: Date }) activatedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) dueAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: 'When it was done or skipped' }) completedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) completedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) outcomeCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) reasonCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'Finished by its due time (null: never had one)' })
  metDeadline!: boolean | null;
  @ApiProperty({ type: [StepConditionViewDto], description: 'Conditions on earlier results (all must hold)' })
  when!: StepConditionViewDto[];
  @ApiProperty({ type: [String], description: 'Assessment methods a completion records one of' })
  assessmentMethods!: string[];
  @ApiProperty({ type: StepAssessmentViewDto, nullable: true, description: 'The method and level recorded' })
  assessment!: StepAssessmentViewDto | null;
  @ApiProperty({
    type: [UnmetConditionDto],
    description: 'For a step skipped with condition_not_met: the conditions that did not hold, and what the steps gave',
  })
  unmetConditions!: UnmetConditionDto[];

  static from(step: CaseStep, steps: readonly CaseStep[]): CaseStepDto {
    const {
      key,
      title,
      status,
      ownerOrganizationId,
      dependsOn,
      outcomeCodes,
      activatedAt,
      dueAt,
      completedAt,
      completedBy,
      outcomeCode,
      reasonCode,
      note,
      metDeadline,
    } = step;
    return {
      key,
      title,
      status,
      ownerOrganizationId,
      dependsOn,
      outcomeCodes,
      activatedAt,
      dueAt,
      completedAt,
      completedBy,
      outcomeCode,
      reasonCode,
      note,
      metDeadline,
      when: step.conditions,
      assessmentMethods: step.assessmentMethods,
      assessment:
        step.assessmentMethod && step.assessmentLevel
          ? { method: step.assessmentMethod, level: step.assessmentLevel }
          : null,
      unmetConditions: step.reasonCode === CONDITION_NOT_MET_REASON ? explainUnmet(step, steps) : [],
    };
  }
}

function explainUnmet(step: CaseStep, steps: readonly CaseStep[]): UnmetConditionDto[] {
  return unmetConditions(step, steps).map((condition) => {
    const source = steps.find((candidate) => candidate.key === condition.step);
    return {
      ...condition,
      status: source?.status ?? CaseStepStatus.Waiting,
      outcomeCode: source?.outcomeCode ?? null,
      assessmentLevel: source?.assessmentLevel ?? null,
    };
  });
}

export class CaseSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'SAM-2026-000123' }) caseNumber!: string;
  @ApiProperty({ format: 'uuid' }) routineId!: string;
  @ApiProperty() routineVersion!: number;
  @ApiProperty({ enum: CaseStatus }) status!: CaseStatus;
  @ApiProperty() openedAt!: Date;
  @ApiProperty({ format: 'uuid' }) openedByOrganizationId!: string;
  @ApiProperty({ nullable: true, type: Date }) closedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) closureCode!: string | null;

  static from(row: CaseFields): CaseSummaryDto {
    const {
      id,
      caseNumber,
      routineId,
      routineVersion,
      status,
      openedAt,
      openedByOrganizationId,
      closedAt,
      closureCode,
    } = row;
    return {
      id,
      caseNumber,
      routineId,
      routineVersion,
      status,
      openedAt,
      openedByOrganizationId,
      closedAt,
      closureCode,
    };
  }
}

export class CaseDto extends CaseSummaryDto {
  @ApiProperty({ format: 'uuid' }) openedBy!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) closedBy!: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) participants!: string[];
  @ApiProperty({ description: 'Whether an external reference was given (the reference itself is never kept)' })
  hasExternalReference!: boolean;
  @ApiProperty({ type: [CaseStepDto] }) steps!: CaseStepDto[];

  static of(row: CaseFields & { participants: string[] }, steps: CaseStep[]): CaseDto {
    return {
      ...CaseSummaryDto.from(row),
      openedBy: row.openedBy,
      closedBy: row.closedBy,
      participants: row.participants,
      hasExternalReference: row.referenceOrganizationId !== null,
      steps: steps.map((step) => CaseStepDto.from(step, steps)),
    };
  }
}

export class CaseListItemDto extends CaseSummaryDto {
  @ApiProperty({ nullable: true, type: Date, description: 'Earliest due time of its active steps' })
  nextDueAt!: Date | null;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseListItemDto] }) items!: CaseListItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class CaseLookupItemDto extends CaseSummaryDto {
  @ApiProperty({
    description: 'Another case with the same reference in the organisation was opened in the 12 months before this one',
  })
  repeat!: boolean;
}

export class CaseLookupDto {
  @ApiProperty({ description: 'Some case with the reference is a repeat (see items[].repeat)' }) repeat!: boolean;
  @ApiProperty({
    type: [CaseLookupItemDto],
    description: "The caller organisation's cases with the reference, newest first",
  })
  items!: CaseLookupItemDto[];
}

export class CaseTimelineEventDto {
  @ApiProperty({ description: 'Position in the audit trail' }) sequence!: number;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({ example: 'case.step.completed' }) action!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorUserId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorOrganizationId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}

export class CaseTimelinePageDto {
  @ApiProperty({ type: [CaseTimelineEventDto] }) items!: CaseTimelineEventDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
