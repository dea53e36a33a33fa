import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectDataSource } from '@nestjs/typeorm';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UsersService } from '../users/users.service';
import { findActiveClient } from './client-principal.repository';
import {
  API_AUDIENCE,
  ClientTokenPayload,
  isClientToken,
  isUserToken,
  jwtKey,
  TOKEN_ISSUER,
  TokenPayload,
} from './token-claims';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: jwtKey(config.auth.jwtSecret) as unknown as string,
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: API_AUDIENCE,
    });
  }

  /**
   * Returning null makes the guard answer 401: an unknown or deactivated account, a token from before the account's
   * last password, role or activity change (an older generation), or of a session that has ended (signed out); for
   * an API client, a disabled client or one whose secret was rotated since. Either loses access at once.
   */
  async validate(payload: Partial<TokenPayload & ClientTokenPayload>): Promise<AuthenticatedUser | null> {
    if (isClientToken(payload)) {
      return findActiveClient(this.dataSource, payload);
    }
    return isUserToken(payload) ? this.users.findActiveIdentity(payload) : null;
  }
}
