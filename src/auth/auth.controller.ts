import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AnyRole, Public } from '../common/auth/access.decorators';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { AuthService } from './auth.service';
import { LoginDto, MeDto, TokenDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenDto })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for the account or address' })
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<TokenDto> {
    return this.auth.login(dto, request.ip);
  }

  @Get('me')
  @AnyRole()
  me(@Ctx() ctx: RequestContext): Promise<MeDto> {
    return this.auth.me(ctx.user);
  }
}
