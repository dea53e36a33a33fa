import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { NoPersonalData } from '../../privacy/no-personal-data.decorator';
import { PERIOD_CODE_PATTERN } from '../../strategy/strategy-period-rules';

export class PeriodRelinkQueryDto {
  @ApiPropertyOptional({ example: 'stockholm-2027-2032', description: 'The new period (default: the one in force)' })
  @IsOptional()
  @IsString()
  @Matches(PERIOD_CODE_PATTERN)
  @NoPersonalData({ maxLength: 40 })
  period?: string;
}

/** The suggested re-link of a routine to the period that follows its own, from that period's measure mapping. */
export class PeriodRelinkDto {
  @ApiProperty({ example: 'stockholm-2020-2026' }) fromPeriod!: string;
  @ApiProperty({ example: 'stockholm-2027-2032' }) toPeriod!: string;
  @ApiProperty({ type: [String], example: ['3.1'], description: 'Measures of the new period' }) measures!: string[];
  @ApiProperty({ type: [Number], example: [3], description: 'Goals of the new period' }) goals!: number[];
  @ApiProperty({ type: [String], description: "The routine's measures the mapping does not carry on" })
  unmapped!: string[];
}
