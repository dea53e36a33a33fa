import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsStrongPassword,
  MaxLength,
} from 'class-validator';
import { IsId } from '../../common/validation/is-id.decorator';
import { ALL_ROLES, Role } from '../../common/auth/role';
import { PageQueryDto } from '../../common/pagination/pagination';
import { FreeText } from '../../privacy/free-text.decorator';
import type { User } from '../entities/user.entity';
import { NewStaffEmail } from './staff-email.decorator';

export const PASSWORD_MIN_LENGTH = 12;

/** A password is a secret, never stored or logged in clear; it is hashed with argon2id. */
export const Password = () =>
  applyDecorators(
    IsString(),
    MaxLength(256),
    IsStrongPassword(
      { minLength: PASSWORD_MIN_LENGTH, minLowercase: 0, minUppercase: 0, minNumbers: 0, minSymbols: 0 },
      { message: `must be at least ${PASSWORD_MIN_LENGTH} characters` },
    ),
  );

export class CreateUserDto {
  @ApiProperty({
    format: 'email',
    description: 'Work e-mail address, in ASCII: stored lower-cased (NFKC), the only personal data kept',
  })
  @NewStaffEmail()
  email!: string;

  @FreeText({ maxLength: 120, description: 'Display name of the staff member' })
  displayName!: string;

  @ApiProperty({ format: 'uuid' })
  @IsId()
  organizationId!: string;

  @ApiProperty({ enum: ALL_ROLES, isArray: true })
  @IsEnum(Role, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  roles!: Role[];

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, format: 'password' })
  @Password()
  password!: string;
}

export class UpdateUserDto {
  @FreeText({ maxLength: 120, optional: true, description: 'Display name of the staff member' })
  displayName?: string;

  @ApiPropertyOptional({ enum: ALL_ROLES, isArray: true })
  @IsOptional()
  @IsEnum(Role, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  roles?: Role[];

  @ApiPropertyOptional({ description: 'false deactivates the account; users are never deleted' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsId()
  organizationId?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ enum: ALL_ROLES, isArray: true }) roles!: Role[];
  @ApiProperty() active!: boolean;
  @ApiProperty({ nullable: true, type: Date }) deactivatedAt!: Date | null;
  @ApiProperty() createdAt!: Date;

  static from(user: User): UserDto {
    const { id, email, displayName, organizationId, roles, active, deactivatedAt, createdAt } = user;
    return { id, email, displayName, organizationId, roles, active, deactivatedAt, createdAt };
  }
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
