import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UsersService } from '../users/users.service';

interface TokenPayload {
  sub: string;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(@Inject(APP_CONFIG) config: AppConfig, private readonly users: UsersService) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject: given a string, jsonwebtoken first tries (and fails) to read it as a public key on every request.
      secretOrKey: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')) as unknown as string,
      algorithms: ['HS256'],
      issuer: 'samverkan',
      audience: 'samverkan-api',
    });
  }

  /** Returning null makes the guard answer 401: unknown or deactivated users lose access immediately. */
  async validate(payload: TokenPayload): Promise<AuthenticatedUser | null> {
    return this.users.findActiveIdentity(payload.sub);
  }
}
