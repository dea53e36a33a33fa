import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsId } from '../../common/validation/is-id.decorator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { NoPersonalData } from '../../privacy/no-personal-data.decorator';
import { MAX_VERSION } from '../parse-version.pipe';
import type { Routine } from '../entities/routine.entity';
import type { RoutineVersion } from '../entities/routine-version.entity';
import type { RoutineDefinition } from '../routine-definition';
import { RoutineDefinitionDto } from './routine-definition.dto';

export class RoutineVersionDto {
  @ApiProperty({ format: 'uuid' }) routineId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'Hex SHA-256 of the RFC 8785 canonical JSON of the definition' }) checksum!: string;
  @ApiProperty() publishedAt!: Date;
  @ApiProperty({ format: 'uuid' }) publishedBy!: string;
  @ApiProperty({ type: RoutineDefinitionDto }) definition!: RoutineDefinition;

  static from(version: RoutineVersion): RoutineVersionDto {
    const { routineId, checksum, publishedAt, publishedBy, definition } = version;
    return { routineId, version: version.version, checksum, publishedAt, publishedBy, definition };
  }
}

export class RoutineDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) ownerOrganizationId!: string;
  @ApiProperty({
    description: "The draft's title for the owner organisation while it edits one, otherwise the latest version's",
  })
  title!: string;
  @ApiProperty({ type: Number, nullable: true }) latestVersion!: number | null;
  @ApiProperty({ type: Date, nullable: true }) retiredAt!: Date | null;
  @ApiProperty({ type: RoutineVersionDto, nullable: true, description: 'The latest published version' })
  published!: RoutineVersionDto | null;
  @ApiProperty({
    type: RoutineDefinitionDto,
    nullable: true,
    description: 'The open draft: shown to the owner organisation only',
  })
  draft!: RoutineDefinition | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  static from(routine: Routine, published: RoutineVersion | null, viewerOrganizationId: string): RoutineDto {
    const draft = routine.ownerOrganizationId === viewerOrganizationId ? routine.draft : null;
    const title = draft?.title ?? published?.definition.title;
    if (title === undefined) {
      throw new Error(`routine ${routine.id} has neither a visible draft nor a published version`);
    }
    return {
      id: routine.id,
      ownerOrganizationId: routine.ownerOrganizationId,
      title,
      latestVersion: routine.latestVersion,
      retiredAt: routine.retiredAt,
      published: published ? RoutineVersionDto.from(published) : null,
      draft,
      createdAt: routine.createdAt,
      updatedAt: routine.updatedAt,
    };
  }
}

export class RoutineQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Routines serving this goal (published version, or the own draft)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(99)
  goal?: number;

  @ApiPropertyOptional({ example: '2.4', description: 'Routines carrying out this measure' })
  @IsOptional()
  @Matches(/^[0-9]{1,2}\.[0-9]{1,2}$/)
  @NoPersonalData({ maxLength: 5 })
  measure?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsId()
  ownerOrganizationId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only retired (true) or only active (false) routines' })
  @IsOptional()
  @IsIn(['true', 'false'])
  retired?: 'true' | 'false';
}

export class RoutinePageDto {
  @ApiProperty({ type: [RoutineDto] }) items!: RoutineDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class RoutineVersionPageDto {
  @ApiProperty({ type: [RoutineVersionDto] }) items!: RoutineVersionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ExportQueryDto {
  @ApiPropertyOptional({
    description: 'Published version to export (default: the latest; the draft when none is published)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_VERSION)
  version?: number;
}
