import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { isUUID } from 'class-validator';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UsersService } from '../users/users.service';
import { API_AUDIENCE, jwtKey, TOKEN_ISSUER, TokenPayload } from './token-claims';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersService,
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
   * Returning null makes the guard answer 401: an unknown or deactivated account, or a token from before the
   * account's last password, role or activity change (an older generation), loses access at once.
   */
  async validate(payload: Partial<TokenPayload>): Promise<AuthenticatedUser | null> {
    if (typeof payload.sub !== 'string' || !isUUID(payload.sub) || !Number.isInteger(payload.gen)) {
      return null;
    }
    return this.users.findActiveIdentity(payload.sub, payload.gen as number);
  }
}
