import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { JsonBodyError, MAX_JSON_DEPTH } from '../../bootstrap/json-body';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  databaseUnavailableReason,
  OutageNotice,
} from '../../database/database-unavailable';
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
  private readonly outage = new OutageNotice();

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toProblem(exception);
    // Whatever is unavailable (the database, a check of the health endpoint) is expected back: say when to retry.
    if (body.status === 503 && !reply.hasHeader('retry-after')) {
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    }
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }

  toProblem(exception: unknown): Problem {
    if (exception instanceof RequestValidationException) {
      return exception.problem();
    }
    if (exception instanceof DomainException) {
      return problem(STATUS_BY_KIND[exception.kind], exception.detail, {
        code: exception.code,
        errors: exception.errors,
      });
    }
    if (exception instanceof HttpException) {
      return frameworkProblem(exception);
    }
    const unavailable = this.databaseUnavailable(exception);
    if (unavailable) {
      return unavailable;
    }
    const clientError = bodyError(exception) ?? clientStatusError(exception) ?? databaseClientError(exception);
    if (clientError) {
      return clientError;
    }

    const errorId = randomUUID();
    this.logger.error({ errorId, err: loggable(exception) }, 'Unexpected error');
    return problem(500, 'An unexpected error occurred. Quote the errorId when reporting it.', { errorId });
  }

  /** PostgreSQL down or restarting: 503 for every request, one warning per outage and no stack traces. */
  private databaseUnavailable(exception: unknown): Problem | undefined {
    const reason = databaseUnavailableReason(exception);
    if (!reason) {
      return undefined;
    }
    if (this.outage.failed()) {
      this.logger.warn(`Database unavailable (${reason}): answering 503 with Retry-After until it is back`);
    }
    return problem(503, 'The database is not available right now; try again shortly.', {
      code: 'service.database_unavailable',
    });
  }
}

/**
 * Name, message, code and stack only: errors can carry what the request sent (a failed query's parameters,
 * for one), and request data never goes into a log line.
 */
function loggable(exception: unknown): { name: string; message: string; code?: unknown; stack?: string } {
  if (!(exception instanceof Error)) {
    return { name: 'NonError', message: typeof exception };
  }
  const { name, stack } = exception;
  const code = (exception as { code?: unknown }).code;
  // PostgreSQL's messages quote the offending value ("invalid input syntax for type uuid: …").
  const message = exception instanceof QueryFailedError ? `database error ${String(code)}` : exception.message;
  return { name, message, stack: exception instanceof QueryFailedError ? undefined : stack, code };
}

/**
 * The last line of defence: values that passed validation but that PostgreSQL cannot take (an out-of-range number,
 * a malformed uuid or timestamp, a NUL character, a missing value, a duplicate) are the client's mistake, not a 500.
 * Validation should catch them first; this keeps a gap from becoming a 500.
 */
const DATABASE_CLIENT_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  '22P02': { status: 400, code: 'request.invalid_value', detail: 'A value has the wrong format.' },
  '22003': { status: 400, code: 'request.out_of_range', detail: 'A number is out of range.' },
  '22007': { status: 400, code: 'request.invalid_instant', detail: 'A date or time is not valid.' },
  '22008': { status: 400, code: 'request.invalid_instant', detail: 'A date or time is out of range.' },
  '22023': { status: 400, code: 'request.invalid_value', detail: 'A value has the wrong format.' },
  '22021': {
    status: 400,
    code: 'request.invalid_characters',
    detail: 'The text contains characters that cannot be stored.',
  },
  '22P05': {
    status: 400,
    code: 'request.invalid_characters',
    detail: 'The text contains characters that cannot be stored.',
  },
  '22001': { status: 400, code: 'request.too_long', detail: 'A value is too long.' },
  '23502': { status: 400, code: 'request.missing_value', detail: 'A required value is missing.' },
  '23505': { status: 409, code: 'request.conflict', detail: 'This conflicts with an existing record.' },
};

function databaseClientError(exception: unknown): Problem | undefined {
  if (!(exception instanceof QueryFailedError)) {
    return undefined;
  }
  const known = DATABASE_CLIENT_ERRORS[String((exception as { code?: unknown }).code)];
  return known ? problem(known.status, known.detail, { code: known.code }) : undefined;
}

/**
 * The framework's own exceptions (no route, a malformed path parameter, a refused guard, a body Fastify would not
 * read) describe the request in their messages ("Cannot GET /api/v1/…"): a fixed code and text per status instead,
 * so nothing a client sent comes back.
 */
const FRAMEWORK_PROBLEMS: Record<number, { code: string; detail: string }> = {
  400: { code: 'request.invalid_parameter', detail: 'A path or query parameter has the wrong format.' },
  401: { code: 'auth.unauthenticated', detail: 'Sign in first: a valid bearer token is required.' },
  403: { code: 'access.forbidden', detail: 'You may not do this.' },
  404: { code: 'route.not_found', detail: 'There is no such resource.' },
  405: { code: 'route.method_not_allowed', detail: 'This method is not allowed here.' },
  414: { code: 'request.uri_too_long', detail: 'A path parameter is longer than any this API takes.' },
  431: { code: 'request.headers_too_large', detail: 'The request headers are larger than the limit.' },
  413: { code: 'body.too_large', detail: 'The request body is larger than the limit.' },
  415: { code: 'body.unsupported_media_type', detail: 'Unsupported content type; send application/json.' },
  429: { code: 'request.rate_limited', detail: 'Too many requests; try again later.' },
  503: { code: 'service.unavailable', detail: 'A service this request depends on is not available.' },
};

export function problemForStatus(status: number, extra: Partial<Problem> = {}): Problem {
  const known = FRAMEWORK_PROBLEMS[status] ?? {
    code: 'request.not_handled',
    detail: 'The request could not be handled.',
  };
  return problem(status, known.detail, { code: known.code, ...extra });
}

const frameworkProblem = (exception: HttpException): Problem =>
  problemForStatus(exception.getStatus(), healthChecks(exception));

/** A Fastify or plugin error that Nest passed on as it is, with a 4xx statusCode: the client's mistake, not a 500. */
function clientStatusError(exception: unknown): Problem | undefined {
  const statusCode =
    exception instanceof Error ? (exception as Error & { statusCode?: unknown }).statusCode : undefined;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500
    ? problemForStatus(statusCode)
    : undefined;
}

/** Terminus answers 503 with the state of each check: keep it, it is what operators look at. */
function healthChecks(exception: HttpException): { checks?: unknown } {
  const response = exception.getResponse() as { details?: unknown };
  return typeof response === 'object' && response.details ? { checks: response.details } : {};
}

/** Body problems from the JSON parser (src/bootstrap/json-body.ts): their messages would quote the body. */
const BODY_PROBLEMS: Record<string, { code: string; detail: string }> = {
  FST_ERR_CTP_JSON_TOO_DEEP: {
    code: 'body.too_deep',
    detail: `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep.`,
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'body.invalid_json', detail: 'The request body is not valid JSON.' },
};

function bodyError(exception: unknown): Problem | undefined {
  if (!(exception instanceof JsonBodyError)) {
    return undefined;
  }
  const known = BODY_PROBLEMS[exception.code];
  return problem(exception.statusCode, known.detail, { code: known.code });
}
