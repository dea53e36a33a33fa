import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { FreeText } from '../../privacy/free-text.decorator';
import { IsCode } from '../../common/validation/codes';

const NOTE = { maxLength: 2000, optional: true, description: 'A short working note' } as const;

export class CompleteStepDto {
  @ApiProperty({ example: 'risk_assessed', description: "One of the step's outcome codes" })
  @IsCode()
  outcomeCode!: string;

  @FreeText(NOTE)
  note?: string;
}

export class SkipStepDto {
  @ApiProperty({ example: 'not_applicable', description: 'Why the step is skipped, as a code' })
  @IsCode()
  reasonCode!: string;

  @FreeText(NOTE)
  note?: string;
}

export class CloseCaseDto {
  @ApiProperty({ example: 'completed', description: 'How the case ended, as a code' })
  @IsCode()
  closureCode!: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Coordinators only: close with steps still open (they become skipped, reason case_closed)',
  })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}
