import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional } from 'class-validator';
import type { CalendarDay } from '../../common/time/swedish-time';
import { APPROVAL_LEVELS, ApprovalLevel } from '../../adoptions/adoption-status';
import { IsCalendarDay } from '../../adoptions/dto/is-calendar-day.decorator';
import { IsMunicipalityCode } from '../../organizations/is-municipality-code.decorator';
import { COUNTIES } from '../../organizations/municipalities';
import { OrganizationType } from '../../organizations/organization-type';
import { PARTNER_TYPES } from '../../adoptions/collaboration-agreement-rule';

export class CollaborationAgreementQueryDto {
  @ApiPropertyOptional({
    example: '0181',
    description: "Only this municipality's rows (its county's share is still computed over the whole county)",
  })
  @IsOptional()
  @IsMunicipalityCode()
  municipalityCode?: string;

  @ApiPropertyOptional({ example: '01', description: 'Only this county (länskod)' })
  @IsOptional()
  @IsIn(Object.keys(COUNTIES))
  countyCode?: string;

  @ApiPropertyOptional({ enum: PARTNER_TYPES })
  @IsOptional()
  @IsEnum(OrganizationType)
  @IsIn(PARTNER_TYPES)
  partnerType?: OrganizationType;

  @ApiPropertyOptional({
    format: 'date',
    description: 'The day the indicator is computed for (Swedish calendar day); default today',
  })
  @IsOptional()
  @IsCalendarDay()
  asOf?: CalendarDay;
}

export class PartnerFindingDto {
  @ApiProperty({ enum: PARTNER_TYPES }) partnerType!: OrganizationType;
  @ApiProperty({ description: 'A current agreement exists with a partner of this type' }) current!: boolean;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Day of the latest approval or follow-up of the current agreements',
  })
  latestActivityAt!: CalendarDay | null;
}

export class MunicipalityFindingDto {
  @ApiProperty() municipalityCode!: string;
  @ApiProperty() municipalityName!: string;
  @ApiProperty() countyCode!: string;
  @ApiProperty({ type: [PartnerFindingDto] }) partners!: PartnerFindingDto[];
}

export class PartnerShareDto {
  @ApiProperty({ enum: PARTNER_TYPES }) partnerType!: OrganizationType;
  @ApiProperty({ description: 'Municipalities with a current agreement with this type of partner' })
  withAgreement!: number;
  @ApiProperty({ description: 'withAgreement / municipalities, 0..1, four decimals' }) share!: number;
}

export class CountyShareDto {
  @ApiProperty() countyCode!: string;
  @ApiProperty() countyName!: string;
  @ApiProperty({ description: 'Municipalities of the county that have a social services organisation in Samverkan' })
  municipalities!: number;
  @ApiProperty({ type: [PartnerShareDto] }) partnerTypes!: PartnerShareDto[];
}

export class CollaborationAgreementReportDto {
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'stockholm-2020-2026',
    description: 'The strategy period asOf falls in, which the indicator counts in',
  })
  period!: string | null;
  @ApiProperty({ format: 'date', description: 'Approvals and follow-ups from this day up to asOf count' })
  windowStart!: string;
  @ApiProperty({ enum: APPROVAL_LEVELS, isArray: true, description: 'Approval levels that count' })
  approvalLevels!: ApprovalLevel[];
  @ApiProperty({ type: [MunicipalityFindingDto] }) municipalities!: MunicipalityFindingDto[];
  @ApiProperty({ type: [CountyShareDto] }) counties!: CountyShareDto[];
}
