import { ApiProperty } from '@nestjs/swagger';

export class PasswordResetIssuedDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({
    description:
      'The one-time reset token, shown only in this answer (the service keeps its hash). Hand it to the user, who redeems it with POST /api/v1/auth/password-reset.',
  })
  token!: string;
  @ApiProperty({ description: 'When the token stops working' }) expiresAt!: Date;
}
