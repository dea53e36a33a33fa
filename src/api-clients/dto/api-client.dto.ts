import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { ALL_SCOPES, Scope } from '../../common/auth/scope';
import { IsId } from '../../common/validation/is-id.decorator';
import { FreeText } from '../../privacy/free-text.decorator';
import type { ApiClient } from '../entities/api-client.entity';

export class CreateApiClientDto {
  @FreeText({ maxLength: 200, description: 'What the client is', example: 'Ärendesystem socialtjänsten' })
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'The organisation the client acts for (and only within)' })
  @IsId()
  organizationId!: string;

  @ApiProperty({ enum: ALL_SCOPES, isArray: true, example: ['cases:read', 'cases:write'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ALL_SCOPES.length)
  @ArrayUnique()
  @IsIn(ALL_SCOPES, { each: true })
  scopes!: Scope[];
}

export class ApiClientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The client_id to authenticate with at POST /api/v1/auth/token' }) clientId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ enum: ALL_SCOPES, isArray: true }) scopes!: Scope[];
  @ApiProperty() active!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) disabledAt!: Date | null;

  static from(client: ApiClient): ApiClientDto {
    const { id, clientId, name, organizationId, scopes, active, createdAt, updatedAt, disabledAt } = client;
    return { id, clientId, name, organizationId, scopes, active, createdAt, updatedAt, disabledAt };
  }
}

export class ApiClientWithSecretDto extends ApiClientDto {
  @ApiProperty({ description: 'Shown only in this answer: store it in the client system now' })
  clientSecret!: string;
}

export class ApiClientPageDto {
  @ApiProperty({ type: [ApiClientDto] }) items!: ApiClientDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
