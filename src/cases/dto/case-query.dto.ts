import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsId } from '../../common/validation/is-id.decorator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { queryBoolean } from '../../common/validation/codes';
import { NoPersonalData } from '../../privacy/no-personal-data.decorator';
import { CASE_NUMBER_PATTERN } from '../case-ref';
import { EXTERNAL_REFERENCE_PATTERN } from '../case-reference';
import { CaseStatus } from '../case-status';
import { IsTimeFilter } from './is-time-filter.decorator';

const TIME_FILTER = 'An instant with its offset, or a day (YYYY-MM-DD, Swedish calendar)';

export class CaseQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: 'SAM-2026-000123',
    description: 'The case with this number (none if your organisation does not take part)',
  })
  @IsOptional()
  @IsString()
  @Matches(CASE_NUMBER_PATTERN, { message: 'caseNumber must be a case number (SAM-2026-000123)' })
  @NoPersonalData({ maxLength: 16 })
  caseNumber?: string;

  @ApiPropertyOptional({ enum: CaseStatus })
  @IsOptional()
  @IsEnum(CaseStatus)
  status?: CaseStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsId()
  routineId?: string;

  @ApiPropertyOptional({ description: 'Cases whose routine version names this strategy goal', minimum: 1, maximum: 99 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(99)
  goal?: number;

  @ApiPropertyOptional({ description: 'true: cases with an active step past its due time; false: cases without one' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'Cases with a step owned by this organisation' })
  @IsOptional()
  @IsId()
  ownerOrganizationId?: string;

  @ApiPropertyOptional({
    example: '2026-03-02T10:00:00+01:00',
    description: `Cases with an active step due before this time. ${TIME_FILTER}`,
  })
  @IsOptional()
  @IsTimeFilter()
  dueBefore?: string;

  @ApiPropertyOptional({ example: '2026-03-01', description: `Opened at or after. ${TIME_FILTER}` })
  @IsOptional()
  @IsTimeFilter()
  openedFrom?: string;

  @ApiPropertyOptional({
    example: '2026-03-31',
    description: `Opened at or before (a day: on or before its end). ${TIME_FILTER}`,
  })
  @IsOptional()
  @IsTimeFilter()
  openedTo?: string;
}

export class CaseLookupQueryDto {
  @ApiProperty({
    description: "The caller organisation's own case number, as given when the case was opened",
    example: 'IFO-2026-0042',
  })
  @IsString()
  @Matches(EXTERNAL_REFERENCE_PATTERN, { message: 'reference must be a case reference (letters, digits, separators)' })
  @NoPersonalData({ maxLength: 64 })
  reference!: string;
}
