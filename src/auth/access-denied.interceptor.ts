import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { catchError, Observable, throwError } from 'rxjs';
import { DomainErrorKind, DomainException } from '../common/http/domain.exception';
import { AccessDeniedService, DeniedStatus } from './access-denied.service';
import { NotVisibleException } from './not-visible.exception';

/** The status a refusal made by a service counts as, or null when it is no refusal of access. */
function deniedStatus(error: unknown): DeniedStatus | null {
  if (error instanceof NotVisibleException) {
    return 404;
  }
  if (!(error instanceof DomainException)) {
    return null;
  }
  if (error.kind === DomainErrorKind.Forbidden) {
    return 403;
  }
  return error.kind === DomainErrorKind.Unauthorized ? 401 : null;
}

/**
 * Records the refusals services make (a failed sign-in 401, 403 by a rule, 404 for another organisation's record);
 * the guard records its own.
 */
@Injectable()
export class AccessDeniedInterceptor implements NestInterceptor {
  constructor(private readonly denied: AccessDeniedService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const status = deniedStatus(error);
        if (status !== null) {
          this.denied.record(
            context.switchToHttp().getRequest<FastifyRequest>(),
            status,
            (error as DomainException).code,
          );
        }
        return throwError(() => error);
      }),
    );
  }
}
