import { ApiProperty } from '@nestjs/swagger';
import { CASE_STEP_STATUSES, CaseStatus, CaseStepStatus } from '../case-status';
import type { CaseStep } from '../entities/case-step.entity';
import type { CollaborationCase } from '../entities/collaboration-case.entity';

/** A case row as read: the reference HMAC never leaves the database. */
type CaseFields = Omit<CollaborationCase, 'referenceHmac'>;

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

  static from(step: CaseStep): CaseStepDto {
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
    };
  }
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
      steps: steps.map(CaseStepDto.from),
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
