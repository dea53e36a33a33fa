import { Module } from '@nestjs/common';
import { PasswordResetService } from './password-reset.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersService, PasswordResetService, UsersRepository],
  exports: [UsersService, PasswordResetService, UsersRepository],
})
export class UsersModule {}
