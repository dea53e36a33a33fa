import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsTimeFilter } from '../../cases/dto/is-time-filter.decorator';
import { COUNTIES } from '../../organizations/municipalities';
import { PartnerShareDto } from './collaboration-agreements.dto';

export class StrategyFollowUpQueryDto {
  @ApiProperty({ example: 2026, minimum: 2000, maximum: 2100, description: 'The calendar year (Stockholm time)' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({
    example: '01',
    description: 'The county (länskod) of the municipality and agreement figures; default 01, Stockholm',
  })
  @IsOptional()
  @IsIn(Object.keys(COUNTIES))
  countyCode?: string;

  @ApiPropertyOptional({
    example: '2026-12-01T12:00:00+01:00',
    description: 'The instant described (default now; a day means its end): nothing later counts',
  })
  @IsOptional()
  @IsTimeFilter()
  asOf?: string;
}

export class StrategyMeasureRowDto {
  @ApiProperty({ example: '2.4' }) code!: string;
  @ApiProperty({ description: 'Published routines (latest version, not retired) that name the measure' })
  routines!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Cases opened in the year whose routine version names it; null when suppressed',
  })
  casesOpened!: number | null;
  @ApiProperty({ type: [String], example: ['casesOpened'] }) suppressed!: string[];
}

export class StrategyTitleDto {
  @ApiProperty() sv!: string;
  @ApiProperty() en!: string;
}

export class StrategyLeadTimeDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Median hours from activation to completion, as the follow-up gives it (within 0.5 h below 999.5 h, 1 % above)',
  })
  p50!: number | null;
}

export class StrategyGoalRowDto {
  @ApiProperty({ example: 2 }) goal!: number;
  @ApiProperty({ type: StrategyTitleDto }) title!: StrategyTitleDto;
  @ApiProperty({ description: 'Published routines (latest version, not retired) linked to the goal' })
  routines!: number;
  @ApiProperty({
    description: 'Organisations of the county with an adoption in force of a routine version naming the goal',
  })
  adoptingOrganizations!: number;
  @ApiProperty({ description: 'Municipalities of the county whose social services have such an adoption' })
  municipalitiesCovered!: number;
  @ApiProperty({ description: 'Municipalities of the county' }) municipalitiesTotal!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'As the follow-up report grouped by goal; null when suppressed',
  })
  casesOpened!: number | null;
  @ApiProperty({ type: Number, nullable: true }) stepsCompleted!: number | null;
  @ApiProperty({ type: Number, nullable: true }) onTimeRate!: number | null;
  @ApiProperty({ type: StrategyLeadTimeDto }) leadTimeHours!: StrategyLeadTimeDto;
  @ApiProperty({ type: Number, nullable: true }) overdueNow!: number | null;
  @ApiProperty({ type: [StrategyMeasureRowDto] }) measures!: StrategyMeasureRowDto[];
  @ApiProperty({ type: [String], example: ['overdueNow'], description: 'The suppressed values of the row' })
  suppressed!: string[];
}

export class CountyAgreementsDto {
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ description: 'Municipalities of the county with a social services organisation in Samverkan' })
  municipalities!: number;
  @ApiProperty({ type: [PartnerShareDto] }) partnerTypes!: PartnerShareDto[];
}

export class StrategyFollowUpReportDto {
  @ApiProperty() year!: number;
  @ApiProperty({ example: 'stockholm-2020-2026' }) periodCode!: string;
  @ApiProperty({ example: '01' }) countyCode!: string;
  @ApiProperty({ example: 'Stockholms län' }) countyName!: string;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty() minCount!: number;
  @ApiProperty({ type: [StrategyGoalRowDto] }) rows!: StrategyGoalRowDto[];
  @ApiProperty({
    type: CountyAgreementsDto,
    description: 'The collaboration-agreement indicator per partner type for the county',
  })
  collaborationAgreements!: CountyAgreementsDto;
}
