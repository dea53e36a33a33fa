import { ExecutionContext, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS_METADATA, AccessRule, SCOPE_METADATA, ScopeRule } from '../common/auth/access.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { Scope } from '../common/auth/scope';
import { DomainErrorKind, DomainException } from '../common/http/domain.exception';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { AccessDeniedService } from './access-denied.service';
import { bearerRefusal, offersBearerToken } from './bearer-challenge';
import { scopeRefusal } from './client-scope';

/** Global guard: a route is public, or needs a valid token and one of its declared roles. Undeclared routes are refused. */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly denied: AccessDeniedService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) {
      this.logger.error(
        `Route ${context.getClass().name}.${context.getHandler().name} declares no access rule; refusing`,
      );
      throw new DomainException(DomainErrorKind.Forbidden, 'access.undeclared', 'This route is not available.');
    }
    if (rule.public) {
      return true;
    }
    await super.canActivate(context);
    const request = context.switchToHttp().getRequest<FastifyRequest & { user: AuthenticatedUser }>();
    if (request.user.client) {
      return this.admitClient(context, request, request.user.client.scopes);
    }
    if (!rule.roles.some((role) => request.user.roles.includes(role))) {
      this.denied.record(request, 403, 'access.role');
      throw new DomainException(
        DomainErrorKind.Forbidden,
        'access.role',
        `Requires one of the roles: ${rule.roles.join(', ')}.`,
      );
    }
    return true;
  }

  /** An API client: the route's declared scopes stand in for its roles (RFC 6750 §3.1 `insufficient_scope`). */
  private admitClient(context: ExecutionContext, request: FastifyRequest, held: Scope[]): true {
    const rule = this.reflector.getAllAndOverride<ScopeRule | undefined>(SCOPE_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const refusal = scopeRefusal(rule, held);
    if (!refusal) {
      return true;
    }
    void context.switchToHttp().getResponse<FastifyReply>().header('www-authenticate', refusal.challenge);
    this.denied.record(request, 403, refusal.code);
    throw new DomainException(DomainErrorKind.Forbidden, refusal.code, refusal.detail);
  }

  /** Answers RFC 6750 style: a missing token gets a bare challenge, an expired or otherwise bad one `error="invalid_token"`. */
  override handleRequest<User>(error: unknown, user: User | false, info: unknown, context: ExecutionContext): User {
    if (!error && user) {
      return user;
    }
    const http = context.switchToHttp();
    if (error) {
      // The token could not be checked (the account lookup failed): not the client's fault, and no reason to sign in
      // again. A database outage goes to the problem filter as it is (503, one warning per outage); anything else is
      // logged here and answered 503 too.
      if (isDatabaseUnavailable(error)) {
        // Errors made by Node's sockets are not always `instanceof Error` here (another realm under test).
        throw error as Error;
      }
      this.logger.error({ err: { name: error instanceof Error ? error.name : 'NonError' } }, 'Token check failed');
      throw new ServiceUnavailableException();
    }
    const request = http.getRequest<FastifyRequest>();
    const refusal = bearerRefusal(offersBearerToken(request.headers.authorization), info);
    void http.getResponse<FastifyReply>().header('www-authenticate', refusal.challenge);
    this.denied.record(request, 401, refusal.code);
    throw new DomainException(DomainErrorKind.Unauthorized, refusal.code, refusal.detail);
  }
}
