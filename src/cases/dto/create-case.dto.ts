import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IsId } from '../../common/validation/is-id.decorator';
import { MAX_VERSION } from '../../routines/parse-version.pipe';
import { NoPersonalData } from '../../privacy/no-personal-data.decorator';
import { EXTERNAL_REFERENCE_PATTERN } from '../case-reference';
import { IsStepOwnerMap } from './case-codes';

export const MAX_PARTICIPANTS = 20;

export class CreateCaseDto {
  @ApiProperty({ format: 'uuid', description: 'A published, not retired routine' })
  @IsId()
  routineId!: string;

  @ApiPropertyOptional({ minimum: 1, description: 'The published version to run; the latest when left out' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_VERSION)
  version?: number;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: "The participating organisations, the caller's own included",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PARTICIPANTS)
  @ArrayUnique()
  @IsId({ each: true })
  participants!: string[];

  @ApiPropertyOptional({
    description:
      "The caller organisation's own case number. Never stored: only an HMAC scoped to the organisation, for GET /cases/lookup. " +
      'Letters, digits and . , : / _ # - or spaces, at most 64 characters; no personal data.',
    example: 'IFO-2026-0042',
    maxLength: 64,
  })
  @IsOptional()
  @IsString()
  @Matches(EXTERNAL_REFERENCE_PATTERN, {
    message: 'externalReference must be a case reference (letters, digits, separators)',
  })
  @NoPersonalData({ maxLength: 64 })
  externalReference?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', format: 'uuid' },
    description: "Owner per step key where several participants have the step's responsible type",
    example: { police_interview: '0b7e0c0e-4a8a-4b8e-9a55-6b1d6f2f9a01' },
  })
  @IsOptional()
  @IsStepOwnerMap()
  owners?: Record<string, string>;
}
