import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDay } from '../../adoptions/dto/is-calendar-day.decorator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { FreeText } from '../../privacy/free-text.decorator';
import { findPersonalData } from '../../privacy/personal-data-detector';
import { NoPersonalData } from '../../privacy/no-personal-data.decorator';
import { PERIOD_CODE_PATTERN } from '../strategy-period-rules';
import { LocalizedTextDto } from './goal.dto';

const MEASURE = /^[0-9]{1,2}\.[0-9]{1,2}$/;

export class LocalizedTextInputDto {
  @FreeText({ maxLength: 2000, description: 'Swedish, as published' })
  sv!: string;

  @FreeText({ maxLength: 2000, description: 'English translation' })
  en!: string;
}

export class StrategyMeasureInputDto {
  @ApiProperty({ example: '3.1', description: '<goal>.<n>' })
  @IsString()
  @Matches(MEASURE)
  @NoPersonalData({ maxLength: 10 })
  code!: string;

  @ApiProperty({ type: LocalizedTextInputDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedTextInputDto)
  text!: LocalizedTextInputDto;
}

export class StrategyGoalInputDto {
  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(1)
  @Max(99)
  number!: number;

  @ApiProperty({ type: LocalizedTextInputDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedTextInputDto)
  title!: LocalizedTextInputDto;

  @ApiProperty({ type: [StrategyMeasureInputDto], maxItems: 50 })
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => StrategyMeasureInputDto)
  measures!: StrategyMeasureInputDto[];
}

/** `{ "2.4": ["3.1"] }`: keys and values are measure codes, and nothing the privacy guard refuses. */
const IsMeasureMapping = () =>
  ValidateBy({
    name: 'isMeasureMapping',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length <= 200 &&
        Object.entries(value).every(
          ([from, to]) =>
            MEASURE.test(from) &&
            Array.isArray(to) &&
            to.length <= 20 &&
            to.every((code) => typeof code === 'string' && MEASURE.test(code) && findPersonalData(code) === null),
        ),
      defaultMessage: () => '$property maps measure codes to lists of measure codes, e.g. {"2.4": ["3.1"]}',
    },
  });

/** A strategy period document (JSON Schema at GET /api/v1/strategy-periods/schema.json). */
export class CreateStrategyPeriodDto {
  @ApiProperty({ example: 'stockholm-2027-2032', pattern: PERIOD_CODE_PATTERN.source })
  @IsString()
  @Matches(PERIOD_CODE_PATTERN)
  @NoPersonalData({ maxLength: 40 })
  code!: string;

  @ApiProperty({ type: LocalizedTextInputDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedTextInputDto)
  title!: LocalizedTextInputDto;

  @ApiProperty({ format: 'date', example: '2027-01-01' })
  @IsCalendarDay()
  validFrom!: string;

  @ApiProperty({ format: 'date', example: '2032-12-31' })
  @IsCalendarDay()
  validTo!: string;

  @ApiPropertyOptional({ example: 'stockholm-2020-2026', description: 'The period this one follows' })
  @IsOptional()
  @IsString()
  @Matches(PERIOD_CODE_PATTERN)
  @NoPersonalData({ maxLength: 40 })
  previousPeriod?: string;

  @ApiProperty({ type: [StrategyGoalInputDto], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => StrategyGoalInputDto)
  goals!: StrategyGoalInputDto[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { '2.4': ['3.1'] },
    description: "The previous period's measures, each mapped to the measures of this one that carry it on",
  })
  @IsOptional()
  @IsMeasureMapping()
  measureMapping?: Record<string, string[]>;
}

export class StrategyPeriodDto {
  @ApiProperty({ example: 'stockholm-2020-2026' }) code!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty({ format: 'date' }) validTo!: string;
  @ApiProperty({ type: String, nullable: true }) previousPeriod!: string | null;
  @ApiProperty({ description: 'In force today' }) inForce!: boolean;
}

export class StrategyPeriodPageDto {
  @ApiProperty({ type: [StrategyPeriodDto] }) items!: StrategyPeriodDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class StrategyPeriodQueryDto extends PageQueryDto {}

export class GoalsQueryDto {
  @ApiPropertyOptional({ example: 'stockholm-2027-2032', description: 'Another period than the one in force' })
  @IsOptional()
  @IsString()
  @Matches(PERIOD_CODE_PATTERN)
  @NoPersonalData({ maxLength: 40 })
  period?: string;
}
