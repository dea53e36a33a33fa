import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { catchError, Observable, throwError } from 'rxjs';
import { DomainErrorKind, DomainException } from '../common/http/domain.exception';
import { AccessDeniedService } from './access-denied.service';
import { NotVisibleException } from './not-visible.exception';

/** Records the refusals services make (403 by a rule, 404 for another organisation's record); the guard records its own. */
@Injectable()
export class AccessDeniedInterceptor implements NestInterceptor {
  constructor(private readonly denied: AccessDeniedService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof NotVisibleException) this.denied.record(context.switchToHttp().getRequest<FastifyRequest>(), 404, error.code);
        else if (error instanceof DomainException && error.kind === DomainErrorKind.Forbidden) {
          this.denied.record(context.switchToHttp().getRequest<FastifyRequest>(), 403, error.code);
        }
        return throwError(() => error);
      }),
    );
  }
}
