/**
 * Whether an error means PostgreSQL cannot be reached or is restarting, rather than that a query was wrong: the
 * request or job can succeed unchanged once the database is back (503 with Retry-After, a job put back, a loop
 * that retries). Errors come raw from pg (a refused connection), wrapped by TypeORM (`QueryFailedError` keeps the
 * driver's error and its code), or as a `cause` or one of an `AggregateError`'s errors (a host with two addresses).
 */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Socket errors while connecting or talking to the server. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * SQLSTATEs of a server that is going away or not yet there: 57P01 admin_shutdown, 57P02 crash_shutdown,
 * 57P03 cannot_connect_now (starting up or shutting down), 53300 too_many_connections; class 08 is connection
 * exceptions.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** pg's and pg-pool's own errors carry no code, only these messages. */
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Connection ended unexpectedly/,
];

/**
 * TypeORM releases a query runner whose connection failed (PostgreSQL ended the session in the middle of a
 * transaction); the transaction's next query then throws one of these.
 */
const RELEASED_RUNNER_ERRORS = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

const MAX_DEPTH = 4;

/** The code (SQLSTATE, socket code, `connection.terminated` or `connection.released`) that makes `error` a database outage, or null. */
export function databaseUnavailableReason(error: unknown, depth = 0): string | null {
  if (typeof error !== 'object' || error === null || depth > MAX_DEPTH) {
    return null;
  }
  const { name, code, message, cause, driverError, errors } = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    driverError?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
    return code;
  }
  if (typeof message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(message))) {
    return 'connection.terminated';
  }
  if (typeof name === 'string' && RELEASED_RUNNER_ERRORS.has(name)) {
    return 'connection.released';
  }
  const nested = [driverError, cause, ...(Array.isArray(errors) ? (errors as unknown[]) : [])];
  for (const inner of nested) {
    const reason = databaseUnavailableReason(inner, depth + 1);
    if (reason) {
      return reason;
    }
  }
  return null;
}

export const isDatabaseUnavailable = (error: unknown): boolean => databaseUnavailableReason(error) !== null;

/**
 * One warning per outage, not one per failed request: warns on the first failure after `quietMs` without any,
 * which is how an outage that has ended looks from the failures alone.
 */
export class OutageNotice {
  private lastFailureAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly quietMs = 10_000) {}

  /** True when this failure starts a new outage (the caller logs it). */
  failed(now = Date.now()): boolean {
    const starts = now - this.lastFailureAt >= this.quietMs;
    this.lastFailureAt = now;
    return starts;
  }
}
