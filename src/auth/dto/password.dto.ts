import { ApiProperty } from '@nestjs/swagger';
import { IsSecret } from '../../common/validation/is-secret.decorator';
import { Password, PASSWORD_MIN_LENGTH } from '../../users/dto/user.dto';

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsSecret()
  currentPassword!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, format: 'password' })
  @Password()
  newPassword!: string;
}

export class RedeemPasswordResetDto {
  @ApiProperty({ format: 'password', description: 'The one-time token an admin or coordinator issued' })
  @IsSecret(100)
  token!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, format: 'password' })
  @Password()
  newPassword!: string;
}
