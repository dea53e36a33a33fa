import { Body, Controller, Get, Header, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AnyRole, Public, UsersOnly } from '../common/auth/access.decorators';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { PasswordResetService } from '../users/password-reset.service';
import { AuthService } from './auth.service';
import { LoginDto, MeDto, TokenDto } from './dto/login.dto';
import { ChangePasswordDto, RedeemPasswordResetDto } from './dto/password.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly resets: PasswordResetService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Sign in with e-mail and password; returns a bearer token' })
  @ApiOkResponse({ type: TokenDto })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for the account or address' })
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<TokenDto> {
    return this.auth.login(dto, request.ip);
  }

  @Get('me')
  @AnyRole()
  @UsersOnly()
  @ApiOperation({ summary: 'The signed-in user, their roles and organisation' })
  me(@Ctx() ctx: RequestContext): Promise<MeDto> {
    return this.auth.me(ctx.user);
  }

  @Post('password')
  @AnyRole()
  @UsersOnly()
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Change your own password (with the current one); ends every earlier token and returns a fresh one',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiUnprocessableEntityResponse({ description: 'The current password is wrong' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong current passwords for the account or address' })
  changePassword(
    @Ctx() ctx: RequestContext,
    @Body() dto: ChangePasswordDto,
    @Req() request: FastifyRequest,
  ): Promise<TokenDto> {
    return this.auth.changePassword(ctx, dto, request.ip);
  }

  @Post('logout')
  @AnyRole()
  @UsersOnly()
  @HttpCode(204)
  @ApiOperation({ summary: "Sign out: ends this token's session at once (other sessions of the account stay)" })
  @ApiNoContentResponse({ description: 'Signed out; the token no longer works' })
  async logout(@Ctx() ctx: RequestContext): Promise<void> {
    await this.auth.logout(ctx);
  }

  @Post('password-reset')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Redeem a one-time password reset token with a new password; ends every token of the account',
  })
  @ApiNoContentResponse({ description: 'The password is set; sign in with it' })
  @ApiUnprocessableEntityResponse({ description: 'The token is unknown, used, superseded or expired' })
  async redeemPasswordReset(@Body() dto: RedeemPasswordResetDto, @Req() request: FastifyRequest): Promise<void> {
    await this.resets.redeem(dto.token, dto.newPassword, String(request.id));
  }
}
