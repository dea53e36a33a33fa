import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiFoundResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenDto } from '../auth/dto/login.dto';
import { Public } from '../common/auth/access.decorators';
import { readCookie } from '../common/http/cookies';
import { SignInExchangeDto } from './dto/identity-provider.dto';
import { Redirect, SIGN_IN_COOKIE, SignInService } from './sign-in.service';

/** Query values as Fastify parsed them: a repeated parameter (an array) counts as absent. */
const single = (query: unknown): Record<string, string | undefined> =>
  Object.fromEntries(
    Object.entries((query ?? {}) as Record<string, unknown>).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : undefined,
    ]),
  );

@ApiTags('auth')
@Controller('auth')
export class SignInController {
  constructor(private readonly signIn: SignInService) {}

  @Get('oidc/:providerId/login')
  @Public()
  @ApiOperation({ summary: "Start signing in through an organisation's identity provider (redirects to it)" })
  @ApiQuery({ name: 'returnTo', description: 'Absolute URL under PUBLIC_URL or SIGN_IN_RETURN_URLS' })
  @ApiFoundResponse({ description: 'To the identity provider (authorization code flow with PKCE, state and nonce)' })
  @ApiBadRequestResponse({ description: 'returnTo is missing or not allowed' })
  @ApiNotFoundResponse({ description: 'No such active identity provider' })
  async login(
    @Param('providerId', ParseUUIDPipe) providerId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { returnTo } = single(request.query);
    this.redirect(reply, await this.signIn.start(providerId, returnTo, String(request.id)));
  }

  @Get('oidc/callback')
  @Public()
  @ApiOperation({
    summary: 'Where the identity provider returns the browser: verifies, maps the claims, redirects with a signInCode',
  })
  @ApiFoundResponse({ description: 'To returnTo with ?signInCode=… or ?signInError=<code>' })
  @ApiBadRequestResponse({ description: 'No sign-in in progress in this browser (nowhere safe to return to)' })
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const state = readCookie(request.headers.cookie, SIGN_IN_COOKIE);
    this.redirect(reply, await this.signIn.finish(single(request.query), state, String(request.id)));
  }

  @Post('exchange')
  @Public()
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Exchange a one-time sign-in code (60 seconds, once) for a bearer token' })
  @ApiOkResponse({ type: TokenDto })
  @ApiBadRequestResponse({ description: 'The code is unknown, already used or expired' })
  exchange(@Body() dto: SignInExchangeDto): Promise<TokenDto> {
    return this.signIn.exchange(dto.signInCode);
  }

  private redirect(reply: FastifyReply, redirect: Redirect): void {
    if (redirect.cookie) {
      void reply.header('set-cookie', redirect.cookie);
    }
    void reply.header('cache-control', 'no-store').redirect(redirect.location, 302);
  }
}
