import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedUser, isAdmin } from '../common/auth/authenticated-user';
import { readCookie } from '../common/http/cookies';
import { problem, PROBLEM_CONTENT_TYPE } from '../common/http/problem';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UsersService } from '../users/users.service';
import { API_AUDIENCE, isUserToken, jwtKey, TOKEN_ISSUER, TokenPayload } from '../auth/token-claims';

export const DASHBOARD_PATH = '/admin/queues';
export const DASHBOARD_COOKIE = 'samverkan_queues';
const DASHBOARD_AUDIENCE = 'samverkan-queue-dashboard';
const SESSION_SECONDS = 15 * 60;

/**
 * Who may open the queue dashboard (not a Nest route, so the global guard does not see it): an active admin,
 * by bearer token (API clients) or by a short-lived cookie made for the dashboard alone (browsers).
 */
@Injectable()
export class QueueDashboardAccess {
  private readonly jwt: JwtService;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {
    // Verified on every dashboard request (assets and polling included): the key as a KeyObject, as the API's strategy does.
    this.jwt = new JwtService({ secret: jwtKey(config.auth.jwtSecret) as unknown as string });
  }

  /** A Set-Cookie value: a 15-minute token valid for the dashboard only, never for the API. */
  async sessionCookie(user: AuthenticatedUser): Promise<string> {
    // The admin's own session: signing out ends the dashboard's cookie too.
    const payload: TokenPayload = {
      sub: user.id,
      gen: await this.users.tokenGenerationOf(user.id),
      sid: user.sessionId as string,
    };
    const token = await this.jwt.signAsync(payload, {
      expiresIn: SESSION_SECONDS,
      issuer: TOKEN_ISSUER,
      audience: DASHBOARD_AUDIENCE,
      algorithm: 'HS256',
    });
    const secure = this.config.env === 'production' ? '; Secure' : '';
    return `${DASHBOARD_COOKIE}=${token}; Path=${DASHBOARD_PATH}; Max-Age=${SESSION_SECONDS}; HttpOnly; SameSite=Strict${secure}`;
  }

  /** Fastify onRequest hook: 401 without a valid token, 403 for anyone but an admin. */
  async check(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const bearer = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const subject =
      (await this.subject(bearer, API_AUDIENCE)) ??
      (await this.subject(readCookie(request.headers.cookie, DASHBOARD_COOKIE), DASHBOARD_AUDIENCE));
    const identity = subject ? await this.users.findActiveIdentity(subject) : null;
    if (!identity) {
      return refuse(reply, 401, 'auth.unauthenticated', 'An admin bearer token or dashboard session is required.');
    }
    if (!isAdmin(identity)) {
      return refuse(reply, 403, 'access.role', 'Requires one of the roles: admin.');
    }
  }

  /** The token's subject and generation (checked against the account's, as the API's strategy does). */
  private async subject(token: string | undefined, audience: string): Promise<TokenPayload | null> {
    if (!token) {
      return null;
    }
    try {
      const payload = await this.jwt.verifyAsync<Partial<TokenPayload>>(token, {
        issuer: TOKEN_ISSUER,
        audience,
        algorithms: ['HS256'],
      });
      return isUserToken(payload) ? payload : null;
    } catch {
      return null;
    }
  }
}

function refuse(reply: FastifyReply, status: 401 | 403, code: string, detail: string): void {
  void reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(problem(status, detail, { code }));
}
