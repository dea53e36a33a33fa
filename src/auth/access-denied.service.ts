import { Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { MetricsService } from '../metrics/metrics.service';

export type DeniedStatus = 401 | 403 | 404;

/**
 * Every denied access (no or bad token, wrong role, a rule of the service, a record of another organisation) is
 * logged and counted. The log names the actor by the user id the server loaded for the token, the route by its
 * pattern, and the refusal by its code: nothing the request carried (no token, no path, no body).
 */
@Injectable()
export class AccessDeniedService {
  private readonly logger = new Logger('AccessDenied');

  constructor(private readonly metrics: MetricsService) {}

  record(request: FastifyRequest & { user?: AuthenticatedUser }, status: DeniedStatus, code: string): void {
    const route = request.routeOptions?.url ?? 'unknown';
    this.metrics.countAccessDenied(status, code, route);
    this.logger.warn(
      { event: 'access_denied', status, code, method: request.method, route, userId: request.user?.id ?? null },
      'Access denied',
    );
  }
}
