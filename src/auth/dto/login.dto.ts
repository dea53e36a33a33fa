import { ApiProperty } from '@nestjs/swagger';
import { IsSecret } from '../../common/validation/is-secret.decorator';
import { ORGANIZATION_TYPES, OrganizationType } from '../../organizations/organization-type';
import { ALL_ROLES, Role } from '../../common/auth/role';
import { StaffEmail } from '../../users/dto/staff-email.decorator';

export class LoginDto {
  @ApiProperty({ format: 'email' })
  @StaffEmail()
  email!: string;

  @ApiProperty({ format: 'password' })
  @IsSecret()
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
