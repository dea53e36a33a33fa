import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ACCESS_METADATA, AccessRule } from '../common/auth/access.decorators';
import { PROBLEM_SCHEMA, PROBLEM_SCHEMA_NAME, problemContent } from '../common/http/problem.schema';

/** What a status means for any operation that can answer it. */
const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request: a path or query parameter, the JSON body or a field has the wrong type or format (`errors` names each field).',
  401: 'No valid bearer token: sign in again (an expired token says `error="invalid_token"` in WWW-Authenticate).',
  403: 'Signed in, but this role (or API client scope) may not do this.',
  404: 'No such resource, or it belongs to an organisation outside yours.',
  409: 'Conflicts with the current state: a duplicate, a stale version, or a record in the wrong status.',
  413: 'The request body is larger than the limit.',
  415: 'The request body is not application/json.',
  422: 'A field holds personal data or is otherwise refused; `errors` names the field, never the value.',
  429: 'Too many attempts; try again later.',
  431: 'The request headers are larger than the limit.',
  503: 'The database (or another service this request needs) is unavailable; retry after Retry-After seconds.',
};

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** Statuses that come with a Retry-After header. */
const RETRY_AFTER = new Set([503]);

export interface OperationFacts {
  method: string;
  /** Public: no token needed (no 401, no 403 from the guard). */
  public: boolean;
  /** Routes under /api/v1 use the database, and answer 503 while it is down. */
  usesDatabase: boolean;
}

/**
 * The problem statuses an operation can answer, derived from what it takes and who may call it: any parameter or
 * body → 400; a query or body (free text passes the privacy guard) → 422; a token → 401 and 403; a path parameter
 * → 404; a body → 413 and 415; a write by a signed-in user → 409 (versions, states, unique keys); any request →
 * 431; the database → 503. Statuses the handler declares itself (429 on throttled sign-ins) are kept.
 */
export function problemStatuses(operation: OperationObject, facts: OperationFacts): number[] {
  const parameters = (operation.parameters ?? []).filter(
    (parameter): parameter is ParameterObject => !('$ref' in parameter),
  );
  const takes = (place: ParameterObject['in']) => parameters.some((parameter) => parameter.in === place);
  const hasBody = operation.requestBody !== undefined;
  const statuses = new Set<number>([431]);
  const add = (condition: boolean, ...codes: number[]) => {
    if (condition) {
      codes.forEach((code) => statuses.add(code));
    }
  };
  add(takes('path') || takes('query') || hasBody, 400);
  add(takes('query') || hasBody, 422);
  add(!facts.public, 401, 403);
  add(takes('path'), 404);
  add(hasBody, 413, 415);
  add(!facts.public && WRITE_METHODS.has(facts.method), 409);
  add(facts.usesDatabase, 503);
  for (const declared of Object.keys(operation.responses ?? {})) {
    const status = Number(declared);
    add(status >= 400, status);
  }
  return [...statuses].sort((a, b) => a - b);
}

/**
 * Gives every operation its problem responses (application/problem+json, the one Problem schema) as
 * `problemStatuses` derives them, keeping a description the handler declared (and a body it describes itself). New routes need nothing but their
 * `@ApiOperation({ summary })`.
 */
export function withProblemResponses(document: OpenAPIObject, isPublic: (operationId: string) => boolean | undefined) {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) {
        continue;
      }
      const open = isPublic(operation.operationId ?? '') ?? !operation.security?.length;
      if (!open && !operation.security?.length) {
        operation.security = [{ bearer: [] }];
      }
      const facts = { method, public: open, usesDatabase: path.startsWith('/api/') };
      for (const status of problemStatuses(operation, facts)) {
        const declared = operation.responses[status];
        // A 4xx body the handler writes and describes itself (RFC 6749 errors at the OAuth token endpoint) stays as
        // declared; a 5xx is always the problem filter's (Terminus's own 503 body comes out as a problem with `checks`).
        if (status < 500 && declared && ('$ref' in declared || declared.content)) {
          continue;
        }
        const description =
          declared && 'description' in declared && declared.description
            ? declared.description
            : (PROBLEM_DESCRIPTIONS[status] ?? 'The request could not be handled.');
        operation.responses[status] = {
          description,
          content: problemContent(),
          ...(RETRY_AFTER.has(status)
            ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } }
            : {}),
        };
      }
    }
  }
  return document;
}

/** Whether each handler is public, by its OpenAPI operation id (`Controller_method`), from the guard's own metadata. */
export function publicOperations(app: INestApplication): (operationId: string) => boolean | undefined {
  const reflector = new Reflector();
  const byOperationId = new Map<string, boolean>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) {
        continue;
      }
      const prototype = controller.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[key];
        if (key === 'constructor' || typeof handler !== 'function') {
          continue;
        }
        const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [handler, controller]);
        if (rule) {
          byOperationId.set(`${controller.name}_${key}`, rule.public);
        }
      }
    }
  }
  return (operationId) => byOperationId.get(operationId);
}
