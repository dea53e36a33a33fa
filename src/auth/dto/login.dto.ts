import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { ORGANIZATION_TYPES, OrganizationType } from '../../organizations/organization-type';
import { ALL_ROLES, Role } from '../../common/auth/role';

export class LoginDto {
  @ApiProperty({ format: 'email' })
  @IsEmail() @MaxLength(254)
  email!: string;

  /** Compared with the stored argon2id hash, never stored or logged. Any length is accepted here so old passwords still work. */
  @ApiProperty({ format: 'password' })
  @IsString() @MaxLength(256)
  password!: string;
}

export class TokenDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn!: number;
}

export class MeOrganizationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANIZATION_TYPES }) type!: OrganizationType;
  @ApiProperty() municipalityCode!: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ALL_ROLES, isArray: true }) roles!: Role[];
  @ApiProperty() organization!: MeOrganizationDto;
}
