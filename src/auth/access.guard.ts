import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ACCESS_METADATA, AccessRule } from '../common/auth/access.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { DomainErrorKind, DomainException } from '../common/http/domain.exception';

/** Global guard: a route is public, or needs a valid token and one of its declared roles. Undeclared routes are refused. */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    if (!rule) {
      this.logger.error(`Route ${context.getClass().name}.${context.getHandler().name} declares no access rule; refusing`);
      throw new DomainException(DomainErrorKind.Forbidden, 'access.undeclared', 'This route is not available.');
    }
    if (rule.public) return true;
    await super.canActivate(context);
    const user = context.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user;
    if (!rule.roles.some((role) => user.roles.includes(role))) {
      throw new DomainException(DomainErrorKind.Forbidden, 'access.role', `Requires one of the roles: ${rule.roles.join(', ')}.`);
    }
    return true;
  }

  override handleRequest<User>(error: unknown, user: User | false): User {
    if (error || !user) {
      throw new DomainException(DomainErrorKind.Unauthorized, 'auth.unauthenticated', 'A valid bearer token is required.');
    }
    return user;
  }
}
