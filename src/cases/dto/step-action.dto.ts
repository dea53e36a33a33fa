import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { FreeText } from '../../privacy/free-text.decorator';
import { IsCode } from '../../common/validation/codes';

const NOTE = { maxLength: 2000, optional: true, description: 'A short working note' } as const;

/** The result of a standardised assessment: which method and which level. Nothing else of it is accepted or kept. */
export class StepAssessmentResultDto {
  @ApiProperty({ example: 'sara_sv', description: "One of the step's assessment methods" })
  @IsCode()
  method!: string;

  @ApiProperty({ example: 'high', description: "One of that method's levels" })
  @IsCode()
  level!: string;
}

export class CompleteStepDto {
  @ApiProperty({ example: 'risk_assessed', description: "One of the step's outcome codes" })
  @IsCode()
  outcomeCode!: string;

  @ApiPropertyOptional({
    type: StepAssessmentResultDto,
    description: 'Required when the step requires an assessment: the method used and the level it gave',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StepAssessmentResultDto)
  assessment?: StepAssessmentResultDto;

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
