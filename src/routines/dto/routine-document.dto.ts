import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { ROUTINE_DOCUMENT_FORMAT, ROUTINE_SCHEMA_PATH } from '../routine-document';
import { RoutineDefinitionDto } from './routine-definition.dto';

export class RoutineSourceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  routineId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  ownerOrganizationId!: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, description: 'The published version exported; null for a draft' })
  @IsOptional() @IsInt() @Min(1)
  version?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^[0-9a-f]{64}$', description: 'Checksum of the exported version; must match the routine' })
  @IsOptional() @Matches(/^[0-9a-f]{64}$/)
  checksum?: string | null;
}

/** An exchange document as produced by export (JSON Schema at ROUTINE_SCHEMA_PATH). */
export class RoutineDocumentDto {
  @ApiProperty({ enum: [ROUTINE_DOCUMENT_FORMAT], description: `Format identifier; JSON Schema at ${ROUTINE_SCHEMA_PATH}` })
  @IsIn([ROUTINE_DOCUMENT_FORMAT])
  format!: typeof ROUTINE_DOCUMENT_FORMAT;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional() @IsISO8601({ strict: true })
  exportedAt?: string;

  @ApiPropertyOptional({ type: RoutineSourceDto })
  @IsOptional() @ValidateNested() @Type(() => RoutineSourceDto)
  source?: RoutineSourceDto;

  @ApiProperty({ type: RoutineDefinitionDto })
  @IsDefined() @ValidateNested() @Type(() => RoutineDefinitionDto)
  routine!: RoutineDefinitionDto;
}
