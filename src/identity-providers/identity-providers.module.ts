import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { IdentityProvidersController } from './identity-providers.controller';
import { IdentityProvidersService } from './identity-providers.service';
import { SignInController } from './sign-in.controller';
import { SignInService } from './sign-in.service';

@Module({
  imports: [AuthModule, UsersModule],
  controllers: [IdentityProvidersController, SignInController],
  providers: [IdentityProvidersService, SignInService],
})
export class IdentityProvidersModule {}
