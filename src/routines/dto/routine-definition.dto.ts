import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ORGANIZATION_TYPES, OrganizationType } from '../../organizations/organization-type';
import { FreeText } from '../../privacy/free-text.decorator';
import { NoPersonalData } from '../../privacy/no-personal-data.decorator';
import type { DueFrom, RoutineDefinition, RoutineStepDefinition, StepCondition } from '../routine-definition';

export const DUE_FROM_VALUES: readonly DueFrom[] = ['case_start', 'dependencies_done'];
export const MAX_STEPS = 100;

/**
 * A code whose exact format is a routine rule (422, naming the step: see routine-rules.ts). The schema only bounds
 * it and keeps personal data out.
 */
function RuleCheckedCode(
  maxLength: number,
  description: string,
  options: { example?: string; optional?: boolean; nullable?: boolean } = {},
) {
  const documentation: ApiPropertyOptions = {
    type: String,
    maxLength,
    description,
    example: options.example,
    nullable: options.nullable,
  };
  return applyDecorators(
    ...(options.optional ? [IsOptional(), ApiPropertyOptional(documentation)] : [ApiProperty(documentation)]),
    IsString(),
    NoPersonalData({ maxLength }),
  );
}

/** A list of codes, each checked as above. */
function RuleCheckedCodes(
  maxItems: number,
  maxLength: number,
  description: string,
  options: { example?: string[]; optional?: boolean } = {},
) {
  const documentation: ApiPropertyOptions = {
    type: String,
    isArray: true,
    maxItems,
    description,
    example: options.example,
  };
  return applyDecorators(
    ...(options.optional ? [IsOptional(), ApiPropertyOptional(documentation)] : [ApiProperty(documentation)]),
    IsArray(),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    NoPersonalData({ maxLength, each: true }),
  );
}

export class StepConditionDto {
  @RuleCheckedCode(64, 'Key of an earlier step (one this step depends on, directly or not)', {
    example: 'risk_assessment',
  })
  step!: string;

  @RuleCheckedCodes(30, 50, 'The condition holds when that step was done with one of these outcome codes', {
    example: ['high_risk'],
    optional: true,
  })
  outcomeIn?: string[];

  @RuleCheckedCodes(30, 50, "The condition holds when that step's assessment gave one of these levels", {
    example: ['high'],
    optional: true,
  })
  levelIn?: string[];
}

export class StepAssessmentDto {
  @RuleCheckedCodes(10, 50, 'Codes of the assessment methods (GET /api/v1/assessment-methods) the step may use', {
    example: ['sara_sv', 'b_safer'],
  })
  methods!: string[];
}

export class RoutineStepDto {
  @RuleCheckedCode(64, 'Unique key of the step: a lower-case letter, then lower-case letters, digits or _', {
    example: 'risk_assessment',
  })
  key!: string;

  @FreeText({ maxLength: 200, description: 'What the step is', example: 'Strukturerad riskbedömning' })
  title!: string;

  @ApiProperty({ enum: ORGANIZATION_TYPES, description: 'The type of organisation that carries out the step' })
  @IsEnum(OrganizationType)
  responsibleOrganizationType!: OrganizationType;

  @RuleCheckedCodes(50, 64, 'Keys of the steps that must be done first (default none)', {
    example: ['first_contact'],
    optional: true,
  })
  dependsOn?: string[];

  @RuleCheckedCode(40, 'ISO 8601 duration until the step is due', { example: 'P10D' })
  dueAfter!: string;

  @ApiProperty({
    enum: DUE_FROM_VALUES,
    description: 'Whether dueAfter counts from the case start or from the dependencies being done',
  })
  @IsIn(DUE_FROM_VALUES)
  dueFrom!: DueFrom;

  @ApiPropertyOptional({ default: false, description: 'Count the days of dueAfter as Swedish working days' })
  @IsOptional()
  @IsBoolean()
  workingDays?: boolean;

  @RuleCheckedCode(40, 'ISO 8601 duration before the due time when a reminder goes out', {
    example: 'P2D',
    optional: true,
    nullable: true,
  })
  remindBefore?: string | null;

  @RuleCheckedCode(40, 'ISO 8601 duration after the due time when an overdue step is escalated', {
    example: 'P3D',
    optional: true,
    nullable: true,
  })
  escalateAfter?: string | null;

  @RuleCheckedCodes(30, 50, 'Outcome codes the step may be completed with', { example: ['completed', 'not_reached'] })
  outcomeCodes!: string[];

  @ApiPropertyOptional({
    type: [StepConditionDto],
    maxItems: 10,
    description:
      'Conditions on earlier results, all of which must hold for the step to run; otherwise it is skipped (condition_not_met)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => StepConditionDto)
  when?: StepConditionDto[];

  @ApiPropertyOptional({
    type: StepAssessmentDto,
    description: 'Completing the step records an assessment (method and level) with one of these methods',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StepAssessmentDto)
  assessment?: StepAssessmentDto;
}

export class RoutineDefinitionDto {
  @RuleCheckedCode(40, 'Code of the strategy period whose goals and measures the routine names (default: in force)', {
    example: 'stockholm-2020-2026',
    optional: true,
  })
  period?: string;

  @FreeText({
    maxLength: 200,
    description: 'Title of the routine',
    example: 'Strukturerad samverkan socialtjänst–polis',
  })
  title!: string;

  @FreeText({ maxLength: 4000, nullable: true, description: 'What the routine is for and how it is used' })
  description?: string | null;

  @ApiProperty({ type: [Number], description: 'Numbers of the strategy goals the routine serves', example: [2, 4] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(99, { each: true })
  goals!: number[];

  @RuleCheckedCodes(
    50,
    10,
    'Codes of the strategy measures the routine carries out, each belonging to one of its goals',
    { example: ['2.4', '4.4'] },
  )
  measures!: string[];

  @ApiProperty({ type: [RoutineStepDto], maxItems: MAX_STEPS })
  // IsObject: ValidateNested walks into an inner array (`[[]]`) and finds nothing wrong there.
  @IsArray()
  @ArrayMaxSize(MAX_STEPS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RoutineStepDto)
  steps!: RoutineStepDto[];
}

/** Replaces the named parts of the draft (a new draft based on the latest version when there is none). */
export class UpdateRoutineDto extends PartialType(RoutineDefinitionDto) {}

export function toStepDefinition(step: RoutineStepDto): RoutineStepDefinition {
  return {
    key: step.key,
    title: step.title,
    responsibleOrganizationType: step.responsibleOrganizationType,
    dependsOn: step.dependsOn ?? [],
    dueAfter: step.dueAfter,
    dueFrom: step.dueFrom,
    workingDays: step.workingDays ?? false,
    remindBefore: step.remindBefore ?? null,
    escalateAfter: step.escalateAfter ?? null,
    outcomeCodes: step.outcomeCodes,
    ...(step.when && step.when.length > 0 ? { when: step.when.map(toCondition) } : {}),
    ...(step.assessment ? { assessment: { methods: step.assessment.methods } } : {}),
  };
}

const toCondition = (condition: StepConditionDto): StepCondition => ({
  step: condition.step,
  ...(condition.outcomeIn ? { outcomeIn: condition.outcomeIn } : {}),
  ...(condition.levelIn ? { levelIn: condition.levelIn } : {}),
});

/** The stored form: every optional part spelled out, so equal routines have equal checksums. */
export function toRoutineDefinition(dto: RoutineDefinitionDto): RoutineDefinition {
  return {
    ...(dto.period === undefined ? {} : { period: dto.period }),
    title: dto.title,
    description: dto.description ?? null,
    goals: dto.goals,
    measures: dto.measures,
    steps: dto.steps.map(toStepDefinition),
  };
}

/** The draft after an edit: the given parts replace those of the base. */
export function applyRoutineUpdate(base: RoutineDefinition, dto: UpdateRoutineDto): RoutineDefinition {
  return toRoutineDefinition({
    period: dto.period ?? base.period,
    title: dto.title ?? base.title,
    description: dto.description === undefined ? base.description : dto.description,
    goals: dto.goals ?? base.goals,
    measures: dto.measures ?? base.measures,
    steps: dto.steps ?? base.steps,
  });
}
