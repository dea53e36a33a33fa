import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { DomainErrorKind, DomainException } from './domain.exception';
import { Problem, PROBLEM_CONTENT_TYPE, problem } from './problem';
import { RequestValidationException } from './request-validation.exception';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  [DomainErrorKind.BadRequest]: 400,
  [DomainErrorKind.Unauthorized]: 401,
  [DomainErrorKind.Forbidden]: 403,
  [DomainErrorKind.NotFound]: 404,
  [DomainErrorKind.Conflict]: 409,
  [DomainErrorKind.Unprocessable]: 422,
  [DomainErrorKind.TooManyRequests]: 429,
};

/** Renders every error as application/problem+json. Unknown errors become a 500 with an error id that is logged with the stack. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toProblem(exception);
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }

  toProblem(exception: unknown): Problem {
    if (exception instanceof RequestValidationException) {
      return exception.problem();
    }
    if (exception instanceof DomainException) {
      return problem(STATUS_BY_KIND[exception.kind], exception.detail, { code: exception.code, errors: exception.errors });
    }
    if (exception instanceof ThrottlerException) {
      return problem(429, 'Too many requests; try again later.');
    }
    if (exception instanceof HttpException) {
      return problem(exception.getStatus(), httpDetail(exception), healthChecks(exception));
    }
    const clientError = fastifyClientError(exception);
    if (clientError) return clientError;

    const errorId = randomUUID();
    this.logger.error({ errorId, err: loggable(exception) }, 'Unexpected error');
    return problem(500, 'An unexpected error occurred. Quote the errorId when reporting it.', { errorId });
  }
}

/**
 * Name, message, code and stack only: errors can carry what the request sent (a failed query's parameters,
 * for one), and request data never goes into a log line.
 */
function loggable(exception: unknown): { name: string; message: string; code?: unknown; stack?: string } {
  if (!(exception instanceof Error)) return { name: 'NonError', message: typeof exception };
  const { name, message, stack } = exception;
  return { name, message, stack, code: (exception as { code?: unknown }).code };
}

function httpDetail(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return typeof message === 'string' ? message : exception.message;
}

/** Terminus answers 503 with the state of each check: keep it, it is what operators look at. */
function healthChecks(exception: HttpException): { checks?: unknown } {
  const response = exception.getResponse() as { details?: unknown };
  return typeof response === 'object' && response.details ? { checks: response.details } : {};
}

/** Fastify reports body parsing problems (bad JSON, too large, wrong media type) as errors with a 4xx statusCode. */
function fastifyClientError(exception: unknown): Problem | undefined {
  if (!(exception instanceof Error)) return undefined;
  const { statusCode, code } = exception as Error & { statusCode?: number; code?: string };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return undefined;
  const detail =
    code === 'FST_ERR_CTP_BODY_TOO_LARGE'
      ? 'The request body is larger than the limit.'
      : code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'Unsupported content type; send application/json.'
        : exception instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? 'The request body is not valid JSON.'
          : 'The request could not be read.';
  return problem(statusCode, detail);
}
