import type { NotFoundEntity, ProblemCode } from './problem-codes';

/** How a broken rule is rendered at the HTTP edge. Services throw these, never HttpException, so the worker shares them. */
export enum DomainErrorKind {
  BadRequest = 'bad_request',
  Unauthorized = 'unauthorized',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  Unprocessable = 'unprocessable',
  TooManyRequests = 'too_many_requests',
}

export interface FieldError {
  field: string;
  code: string;
  message?: string;
  kind?: string;
  [extra: string]: unknown;
}

export class DomainException extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** A stable machine-readable code, e.g. `case_step.dependencies_open` (problem-codes.ts). */
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.name = 'DomainException';
  }
}

export const notFound = (entity: NotFoundEntity) =>
  new DomainException(
    DomainErrorKind.NotFound,
    `${entity}.not_found`,
    `The ${entity.replace(/_/g, ' ')} does not exist or is not visible to you.`,
  );

export const conflict = (code: ProblemCode, detail: string) =>
  new DomainException(DomainErrorKind.Conflict, code, detail);

export const unprocessable = (code: ProblemCode, detail: string, errors?: FieldError[]) =>
  new DomainException(DomainErrorKind.Unprocessable, code, detail, errors);

export const forbidden = (code: ProblemCode, detail: string) =>
  new DomainException(DomainErrorKind.Forbidden, code, detail);
