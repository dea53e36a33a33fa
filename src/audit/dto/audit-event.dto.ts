import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { IsId } from '../../common/validation/is-id.decorator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { NoPersonalData } from '../../privacy/no-personal-data.decorator';
import type { ChainLink, ChainVerification } from '../audit-chain';

export const AUDIT_ACTION_FORMAT = /^[a-z][a-z0-9_]{0,49}(\.[a-z][a-z0-9_]{0,49}){0,3}$/;
export const AUDIT_ENTITY_TYPE_FORMAT = /^[a-z][a-z0-9_]{0,49}$/;
export const AUDIT_ENTITY_ID_FORMAT = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export class AuditEventFilterDto {
  @ApiPropertyOptional({
    description: 'Events that occurred at or after this instant (ISO 8601)',
    example: '2026-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    description: 'Events that occurred before this instant (ISO 8601, exclusive)',
    example: '2026-02-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Dotted action code', example: 'organization.updated' })
  @IsOptional()
  @Matches(AUDIT_ACTION_FORMAT, { message: 'action must be a dotted action code' })
  @NoPersonalData({ maxLength: 203 })
  action?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsId()
  actorUserId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Events concerning this organisation' })
  @IsOptional()
  @IsId()
  organizationId?: string;

  @ApiPropertyOptional({ example: 'organization' })
  @IsOptional()
  @Matches(AUDIT_ENTITY_TYPE_FORMAT, { message: 'entityType must be an entity type code' })
  @NoPersonalData({ maxLength: 50 })
  entityType?: string;

  // Identifiers and codes, not prose; the guard still applies because the filters used are themselves audited.
  @ApiPropertyOptional({ description: "The entity's id (a UUID or a system-made number such as SAM-2026-000123)" })
  @IsOptional()
  @Matches(AUDIT_ENTITY_ID_FORMAT, { message: 'entityId must be an entity identifier' })
  @NoPersonalData({ maxLength: 100 })
  entityId?: string;
}

export class AuditEventQueryDto extends IntersectionType(AuditEventFilterDto, PageQueryDto) {}

export const AUDIT_EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

export class AuditExportQueryDto extends AuditEventFilterDto {
  @ApiPropertyOptional({ enum: AUDIT_EXPORT_FORMATS, default: 'ndjson' })
  @IsOptional()
  @IsIn(AUDIT_EXPORT_FORMATS)
  format: AuditExportFormat = 'ndjson';
}

class AuditActorDto {
  @ApiProperty({ enum: ['user', 'client', 'system'] }) type!: 'user' | 'client' | 'system';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId!: string | null;
}

class AuditEntityDto {
  @ApiProperty() type!: string;
  @ApiProperty() id!: string;
}

export class AuditEventDto {
  @ApiProperty() sequence!: number;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ example: 'organization.updated' }) action!: string;
  @ApiProperty({ type: AuditActorDto }) actor!: AuditActorDto;
  @ApiProperty({ type: AuditEntityDto }) entity!: AuditEntityDto;
  @ApiProperty({ type: [String], format: 'uuid' }) organizationIds!: string[];
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty({ nullable: true, type: String }) accessReason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Coded fields of the change' }) data!: Record<
    string,
    unknown
  >;
  @ApiProperty({ description: 'SHA-256 of the RFC 8785 canonical JSON of the content, hex' }) contentHash!: string;
  @ApiProperty({ description: "The previous event's hash, hex (64 zeros for the first event)" }) prevHash!: string;
  @ApiProperty({ description: 'SHA-256(prevHash || contentHash) over the raw bytes, hex' }) hash!: string;

  static from(link: ChainLink): AuditEventDto {
    const { sequence, content, contentHash, prevHash, hash } = link;
    return { sequence, ...content, contentHash, prevHash, hash };
  }
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ChainVerificationDto implements ChainVerification {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ description: 'Events walked' }) checked!: number;
  @ApiProperty() headSequence!: number;
  @ApiProperty({ description: 'The recorded head hash, hex' }) headHash!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The first sequence at which the chain is broken' })
  firstInvalidSequence!: number | null;
  @ApiProperty({
    type: [Number],
    description: 'Events whose data was redacted (erasure): link valid, content matched against the redaction record',
  })
  redactedSequences!: number[];
}
