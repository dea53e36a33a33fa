import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAdmin } from '../../common/auth/authenticated-user';
import { problem, PROBLEM_CONTENT_TYPE } from '../../common/http/problem';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { UsersService } from '../../users/users.service';
import { API_AUDIENCE, jwtKey, TOKEN_ISSUER, TokenPayload } from '../../auth/token-claims';

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
  async sessionCookie(userId: string): Promise<string> {
    const payload: TokenPayload = { sub: userId, gen: await this.users.tokenGenerationOf(userId) };
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
    const identity = subject ? await this.users.findActiveIdentity(subject.sub, subject.gen) : null;
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
      return typeof payload.sub === 'string' && isUUID(payload.sub) && Number.isInteger(payload.gen)
        ? { sub: payload.sub, gen: payload.gen as number }
        : null;
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

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      return value.join('=');
    }
  }
  return undefined;
}
