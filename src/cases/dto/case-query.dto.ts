import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { queryBoolean } from '../../common/validation/codes';
import { NoPersonalData } from '../../privacy/no-personal-data.decorator';
import { CASE_NUMBER_PATTERN } from '../case-ref';
import { EXTERNAL_REFERENCE_PATTERN } from '../case-reference';
import { CaseStatus } from '../case-status';

export class CaseQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'SAM-2026-000123', description: 'The case with this number (none if your organisation does not take part)' })
  @IsOptional() @IsString() @Matches(CASE_NUMBER_PATTERN, { message: 'caseNumber must be a case number (SAM-2026-000123)' })
  @NoPersonalData({ maxLength: 16 })
  caseNumber?: string;

  @ApiPropertyOptional({ enum: CaseStatus })
  @IsOptional() @IsEnum(CaseStatus)
  status?: CaseStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  routineId?: string;

  @ApiPropertyOptional({ description: "Cases whose routine version names this strategy goal", minimum: 1, maximum: 99 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(99)
  goal?: number;

  @ApiPropertyOptional({ description: 'true: cases with an active step past its due time; false: cases without one' })
  @IsOptional() @Transform(queryBoolean) @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'Cases with a step owned by this organisation' })
  @IsOptional() @IsUUID()
  ownerOrganizationId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Cases with an active step due before this time' })
  @IsOptional() @IsISO8601({ strict: true })
  dueBefore?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Opened at or after' })
  @IsOptional() @IsISO8601({ strict: true })
  openedFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Opened at or before' })
  @IsOptional() @IsISO8601({ strict: true })
  openedTo?: string;
}

export class CaseLookupQueryDto {
  @ApiProperty({ description: "The caller organisation's own case number, as given when the case was opened", example: 'IFO-2026-0042' })
  @IsString() @Matches(EXTERNAL_REFERENCE_PATTERN, { message: 'reference must be a case reference (letters, digits, separators)' })
  @NoPersonalData({ maxLength: 64 })
  reference!: string;
}
