import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsEnum, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsId } from '../../common/validation/is-id.decorator';
import { MAX_VERSION } from '../../routines/parse-version.pipe';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsMunicipalityCode } from '../../organizations/is-municipality-code.decorator';
import { ORGANIZATION_TYPES, OrganizationType } from '../../organizations/organization-type';
import { DEFAULT_REVIEW_INTERVAL_MONTHS } from '../adoption-review';
import { CalendarDay } from '../../common/time/swedish-time';
import {
  ADOPTION_STATUSES,
  AdoptionStatus,
  APPROVAL_LEVELS,
  ApprovalLevel,
  INITIAL_STATUSES,
} from '../adoption-status';
import { IsCalendarDay } from './is-calendar-day.decorator';

const APPROVED_AT = {
  format: 'date',
  example: '2025-03-10',
  description: 'The day the approving level decided (YYYY-MM-DD), not after today',
};
const APPROVED_BY = {
  enum: APPROVAL_LEVELS,
  description: 'The approving level: unit, management (förvaltningsledning), board (nämnd), council (fullmäktige)',
};

export class CreateAdoptionDto {
  @ApiProperty({ format: 'uuid' })
  @IsId()
  routineId!: string;

  @ApiProperty({ minimum: 1, description: 'A published version of the routine' })
  @IsInt()
  @Min(1)
  @Max(MAX_VERSION)
  version!: number;

  @ApiProperty({ format: 'uuid', description: 'The adopting organisation: your own' })
  @IsId()
  organizationId!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Organisations the agreement is made with' })
  @IsOptional()
  @IsId({ each: true })
  @ArrayUnique()
  @ArrayMaxSize(50)
  partnerOrganizationIds?: string[];

  @ApiProperty({ enum: INITIAL_STATUSES })
  @IsIn(INITIAL_STATUSES)
  status!: AdoptionStatus;

  @ApiPropertyOptional({ ...APPROVED_AT, description: `${APPROVED_AT.description}; required when adopted` })
  @IsOptional()
  @IsCalendarDay()
  approvedAt?: CalendarDay;

  @ApiPropertyOptional({ ...APPROVED_BY, description: `${APPROVED_BY.description}; required when adopted` })
  @IsOptional()
  @IsIn(APPROVAL_LEVELS)
  approvedBy?: ApprovalLevel;

  @ApiPropertyOptional({ minimum: 1, maximum: 120, default: DEFAULT_REVIEW_INTERVAL_MONTHS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  reviewIntervalMonths?: number;
}

export class UpdateAdoptionDto {
  @ApiPropertyOptional({
    enum: ADOPTION_STATUSES,
    description: 'planned → implementing → adopted → discontinued; steps may be skipped, never reversed',
  })
  @IsOptional()
  @IsEnum(AdoptionStatus)
  status?: AdoptionStatus;

  @ApiPropertyOptional({ minimum: 1, description: 'Move to another published version of the routine' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_VERSION)
  version?: number;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Replaces the partner organisations' })
  @IsOptional()
  @IsId({ each: true })
  @ArrayUnique()
  @ArrayMaxSize(50)
  partnerOrganizationIds?: string[];

  @ApiPropertyOptional(APPROVED_AT)
  @IsOptional()
  @IsCalendarDay()
  approvedAt?: CalendarDay;

  @ApiPropertyOptional(APPROVED_BY)
  @IsOptional()
  @IsIn(APPROVAL_LEVELS)
  approvedBy?: ApprovalLevel;

  @ApiPropertyOptional({ minimum: 1, maximum: 120 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  reviewIntervalMonths?: number;
}

export class AdoptionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Adoptions of routine versions serving this goal' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(99)
  goal?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsId()
  routineId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The adopting organisation' })
  @IsOptional()
  @IsId()
  organizationId?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_TYPES, description: 'Type of the adopting organisation' })
  @IsOptional()
  @IsEnum(OrganizationType)
  organizationType?: OrganizationType;

  @ApiPropertyOptional({ example: '0180', description: 'Municipality of the adopting organisation' })
  @IsOptional()
  @IsMunicipalityCode()
  municipalityCode?: string;

  @ApiPropertyOptional({ enum: ADOPTION_STATUSES })
  @IsOptional()
  @IsEnum(AdoptionStatus)
  status?: AdoptionStatus;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Adopted routines past (true) or not past (false) their review date',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  followUpOverdue?: 'true' | 'false';
}

export class AdoptionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) routineId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'Title of the adopted version' }) routineTitle!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) partnerOrganizationIds!: string[];
  @ApiProperty({ enum: ADOPTION_STATUSES }) status!: AdoptionStatus;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2025-03-10' }) approvedAt!: CalendarDay | null;
  @ApiProperty({ enum: APPROVAL_LEVELS, nullable: true }) approvedBy!: ApprovalLevel | null;
  @ApiProperty() reviewIntervalMonths!: number;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The day of the latest follow-up' })
  lastFollowUpAt!: CalendarDay | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The later of approvedAt and lastFollowUpAt, plus reviewIntervalMonths',
  })
  nextReviewDueAt!: CalendarDay | null;
  @ApiProperty({ description: 'Adopted, and nextReviewDueAt is before today (Swedish calendar)' })
  followUpOverdue!: boolean;
  @ApiProperty({
    description:
      'Counts today as a current agreement for the collaboration-agreement indicator (management-approved or higher, approved or followed up within 24 months)',
  })
  currentAgreement!: boolean;
  @ApiProperty({ type: Date, nullable: true, description: 'When it was discontinued (an instant)' })
  discontinuedAt!: Date | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class AdoptionPageDto {
  @ApiProperty({ type: [AdoptionDto] }) items!: AdoptionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
