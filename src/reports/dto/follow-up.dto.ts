import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import type { CalendarDay } from '../../common/time/swedish-time';
import { IsCalendarDay } from '../../adoptions/dto/is-calendar-day.decorator';
import { IsTimeFilter } from '../../cases/dto/is-time-filter.decorator';
import { IsId } from '../../common/validation/is-id.decorator';
import { IsMunicipalityCode } from '../../organizations/is-municipality-code.decorator';
import { OrganizationType } from '../../organizations/organization-type';
import { NoPersonalData } from '../../privacy/no-personal-data.decorator';
import { FOLLOW_UP_DIMENSIONS, FollowUpDimension, MAX_GROUP_DIMENSIONS } from '../follow-up-dimensions';

const commaSeparated = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '')
    : value;

export const MEASURE_CODE_PATTERN = /^\d{1,2}\.\d{1,2}$/;

export class FollowUpQueryDto {
  @ApiPropertyOptional({
    description: `Up to ${MAX_GROUP_DIMENSIONS} dimensions, comma-separated or repeated, in the order the rows are keyed`,
    example: 'goal,month',
    type: String,
    enum: FOLLOW_UP_DIMENSIONS,
    isArray: true,
  })
  @IsOptional()
  @Transform(commaSeparated)
  @IsArray()
  @ArrayMaxSize(MAX_GROUP_DIMENSIONS)
  @ArrayUnique()
  @IsIn(FOLLOW_UP_DIMENSIONS, { each: true })
  groupBy?: FollowUpDimension[];

  @ApiPropertyOptional({
    format: 'date',
    description: 'First day counted (Swedish calendar); default 1 January of `to`',
  })
  @IsOptional()
  @IsCalendarDay()
  from?: CalendarDay;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Last day counted, included (Swedish calendar); default the day of asOf',
  })
  @IsOptional()
  @IsCalendarDay()
  to?: CalendarDay;

  @ApiPropertyOptional({
    example: '2026-12-01T12:00:00+01:00',
    description:
      'The instant the report describes: nothing later is counted, and overdueNow counts the steps overdue then. A day (YYYY-MM-DD) means the end of that Swedish day. Default now.',
  })
  @IsOptional()
  @IsTimeFilter()
  asOf?: string;

  @ApiPropertyOptional({
    description: 'Only cases whose routine version names this strategy goal',
    minimum: 1,
    maximum: 99,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(99)
  goal?: number;

  @ApiPropertyOptional({ example: '2.4', description: 'Only cases whose routine version names this strategy measure' })
  @IsOptional()
  @IsString()
  @Matches(MEASURE_CODE_PATTERN, { message: 'measure must be a measure code (2.4)' })
  @NoPersonalData({ maxLength: 5 })
  measure?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only cases of this routine' })
  @IsOptional()
  @IsId()
  routineId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only steps this organisation owns (and the cases with such a step)',
  })
  @IsOptional()
  @IsId()
  organizationId?: string;

  @ApiPropertyOptional({ enum: OrganizationType, description: 'Only steps owned by organisations of this type' })
  @IsOptional()
  @IsEnum(OrganizationType)
  organizationType?: OrganizationType;

  @ApiPropertyOptional({ example: '0180', description: 'Only steps owned by organisations in this municipality' })
  @IsOptional()
  @IsMunicipalityCode()
  municipalityCode?: string;
}

export class LeadTimeDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Median hours from activation to completion (continuous percentile, given to 0.1 h), from a histogram: each lead time counts as its whole hour below 999.5 h (within 0.5 h), above that within 1 %',
  })
  p50!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: '90th percentile of the same, to the same precision' })
  p90!: number | null;
}

export class RoutineKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "Title of the routine's latest published version" }) title!: string;
}

export class StepKeyDto {
  @ApiProperty({ format: 'uuid' }) routineId!: string;
  @ApiProperty() key!: string;
  @ApiProperty({ description: 'Title in the latest published version that has the step' }) title!: string;
}

export class OrganizationKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class MunicipalityKeyDto {
  @ApiProperty({ example: '0180' }) code!: string;
  @ApiProperty({ example: 'Stockholm' }) name!: string;
}

const SUPPRESSED = 'null when suppressed (named in `suppressed`)';

/** The metrics of a row or of the total. Counts are null when suppressed, rates and percentiles also when their base is 0. */
export class FollowUpMetricsDto {
  @ApiProperty({ type: Number, nullable: true, description: `Cases opened in the period. ${SUPPRESSED}` })
  casesOpened!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: `Cases closed in the period. ${SUPPRESSED}` })
  casesClosed!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: `Steps completed (done) in the period. ${SUPPRESSED}` })
  stepsCompleted!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: `Steps skipped in the period. ${SUPPRESSED}` })
  stepsSkipped!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: `Steps completed in the period at or before their due time. ${SUPPRESSED}`,
  })
  stepsCompletedOnTime!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'stepsCompletedOnTime / stepsCompleted, 0..1, four decimals; null when no step was completed or suppressed',
  })
  onTimeRate!: number | null;

  @ApiProperty({ type: LeadTimeDto, description: 'Hours from activation to completion of the completed steps' })
  leadTimeHours!: LeadTimeDto;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: `Steps that fell due in the period and were active and past due at asOf. ${SUPPRESSED}`,
  })
  overdueNow!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: `Escalations sent in the period. ${SUPPRESSED}` })
  escalations!: number | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', nullable: true },
    example: { meeting_held: 12, postponed: null },
    description: `Completed steps per outcome code (every code of the report, 0 included). ${SUPPRESSED}`,
  })
  outcomes!: Record<string, number | null>;

  @ApiProperty({
    type: [String],
    example: ['stepsSkipped', 'outcomes.postponed'],
    description: 'The suppressed values: metric names, `leadTimeHours.p50`, `outcomes.<code>`',
  })
  suppressed!: string[];
}

export class FollowUpRowDto extends FollowUpMetricsDto {
  @ApiPropertyOptional({ description: 'Strategy goal number' }) goal?: number;
  @ApiPropertyOptional({ example: '2.4', description: 'Strategy measure code' }) measure?: string;
  @ApiPropertyOptional({ type: RoutineKeyDto }) routine?: RoutineKeyDto;
  @ApiPropertyOptional({ type: StepKeyDto }) step?: StepKeyDto;
  @ApiPropertyOptional({ type: OrganizationKeyDto, description: "The step's owner" }) organization?: OrganizationKeyDto;
  @ApiPropertyOptional({ enum: OrganizationType, description: "The step owner's type" })
  organizationType?: OrganizationType;
  @ApiPropertyOptional({ type: MunicipalityKeyDto, description: "The step owner's municipality" })
  municipality?: MunicipalityKeyDto;
  @ApiPropertyOptional({ example: '2026-12', description: 'Month on the Stockholm calendar' }) month?: string;
  @ApiPropertyOptional({ example: '2026-Q4', description: 'Quarter on the Stockholm calendar' }) quarter?: string;
  @ApiPropertyOptional({ example: 2026, description: 'Year on the Stockholm calendar' }) year?: number;
}

export class FollowUpReportDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ enum: FOLLOW_UP_DIMENSIONS, isArray: true }) groupBy!: FollowUpDimension[];
  @ApiProperty({ description: 'Counts from 1 to minCount − 1 are suppressed (REPORT_MIN_COUNT)' }) minCount!: number;
  @ApiProperty({ type: [FollowUpRowDto] }) rows!: FollowUpRowDto[];
  @ApiProperty({ type: FollowUpMetricsDto, description: 'Each case and step counted once, whatever the grouping' })
  total!: FollowUpMetricsDto;
}
