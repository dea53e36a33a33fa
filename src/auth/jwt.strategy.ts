import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UsersService } from '../users/users.service';
import { API_AUDIENCE, jwtKey, TOKEN_ISSUER } from './token-claims';

interface TokenPayload {
  sub: string;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(@Inject(APP_CONFIG) config: AppConfig, private readonly users: UsersService) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: jwtKey(config.auth.jwtSecret) as unknown as string,
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: API_AUDIENCE,
    });
  }

  /** Returning null makes the guard answer 401: unknown or deactivated users lose access immediately. */
  async validate(payload: TokenPayload): Promise<AuthenticatedUser | null> {
    return this.users.findActiveIdentity(payload.sub);
  }
}
