import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { IsId } from '../../common/validation/is-id.decorator';
import { MAX_VERSION } from '../parse-version.pipe';
import { ROUTINE_DOCUMENT_FORMATS, RoutineDocumentFormat, ROUTINE_SCHEMA_PATH } from '../routine-document';
import { RoutineDefinitionDto } from './routine-definition.dto';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A checksum is compared with the one the service computes and kept only when equal, so it never carries anything else. */
const IsSha256Hex = () =>
  ValidateBy({
    name: 'isSha256Hex',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && SHA256_HEX.test(value),
      defaultMessage: () => '$property must be a SHA-256 checksum in hex',
    },
  });

export class RoutineSourceDto {
  @ApiProperty({ format: 'uuid' })
  @IsId()
  routineId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsId()
  ownerOrganizationId!: string;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    description: 'The published version exported; null for a draft',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_VERSION)
  version?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    pattern: '^[0-9a-f]{64}$',
    description: 'Checksum of the exported version; must match the routine',
  })
  @IsOptional()
  @IsSha256Hex()
  checksum?: string | null;
}

/** An exchange document as produced by export (JSON Schema at ROUTINE_SCHEMA_PATH). */
export class RoutineDocumentDto {
  @ApiProperty({
    enum: ROUTINE_DOCUMENT_FORMATS,
    description: `Format identifier; JSON Schema of v2 at ${ROUTINE_SCHEMA_PATH} (v1 documents still import)`,
  })
  @IsIn(ROUTINE_DOCUMENT_FORMATS)
  format!: RoutineDocumentFormat;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  exportedAt?: string;

  @ApiPropertyOptional({ type: RoutineSourceDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RoutineSourceDto)
  source?: RoutineSourceDto;

  @ApiProperty({ type: RoutineDefinitionDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => RoutineDefinitionDto)
  routine!: RoutineDefinitionDto;
}
