import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { IsId } from '../../common/validation/is-id.decorator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { FreeText } from '../../privacy/free-text.decorator';
import type { Organization } from '../entities/organization.entity';
import { IsMunicipalityCode } from '../is-municipality-code.decorator';
import { ORGANIZATION_TYPES, OrganizationType } from '../organization-type';

export class CreateOrganizationDto {
  @FreeText({ maxLength: 200, description: 'Name of the authority or unit', example: 'Socialtjänsten Södertälje' })
  name!: string;

  @ApiProperty({ enum: ORGANIZATION_TYPES })
  @IsEnum(OrganizationType)
  type!: OrganizationType;

  @ApiProperty({ description: 'SCB municipality code (kommunkod)', example: '0181' })
  @IsMunicipalityCode()
  municipalityCode!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsId()
  parentId?: string;

  @ApiPropertyOptional({
    default: true,
    description: 'False: staff sign in only through the identity provider, never with a password',
  })
  @IsOptional()
  @IsBoolean()
  passwordSignIn?: boolean;
}

export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto) {}

export class OrganizationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORGANIZATION_TYPES })
  @IsOptional()
  @IsEnum(OrganizationType)
  type?: OrganizationType;

  @ApiPropertyOptional({ example: '0180' })
  @IsOptional()
  @IsMunicipalityCode()
  municipalityCode?: string;
}

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANIZATION_TYPES }) type!: OrganizationType;
  @ApiProperty() municipalityCode!: string;
  @ApiProperty({ nullable: true, format: 'uuid', type: String }) parentId!: string | null;
  @ApiProperty() passwordSignIn!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  static from(organization: Organization): OrganizationDto {
    const { id, name, type, municipalityCode, parentId, passwordSignIn, createdAt, updatedAt } = organization;
    return { id, name, type, municipalityCode, parentId, passwordSignIn, createdAt, updatedAt };
  }
}

export class OrganizationPageDto {
  @ApiProperty({ type: [OrganizationDto] }) items!: OrganizationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
