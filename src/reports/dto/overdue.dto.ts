import { ApiProperty } from '@nestjs/swagger';
import { OrganizationKeyDto, RoutineKeyDto, StepKeyDto } from './follow-up.dto';

export class OverdueHoursDto {
  @ApiProperty({ description: 'Median hours past the due time, 0.1 h' }) p50!: number;
  @ApiProperty({ description: 'Longest, hours past the due time' }) max!: number;
}

export class OverdueRowDto {
  @ApiProperty({ type: OrganizationKeyDto, description: "The step's owner" }) organization!: OrganizationKeyDto;
  @ApiProperty({ type: RoutineKeyDto }) routine!: RoutineKeyDto;
  @ApiProperty({ type: StepKeyDto }) step!: StepKeyDto;
  @ApiProperty({ description: 'Active steps past their due time' }) overdueSteps!: number;
  @ApiProperty({ type: OverdueHoursDto }) overdueHours!: OverdueHoursDto;
}

export class OverdueReportDto {
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: [OverdueRowDto], description: 'Most overdue steps first' }) rows!: OverdueRowDto[];
}
