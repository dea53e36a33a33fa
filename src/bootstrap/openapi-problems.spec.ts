import type { OpenAPIObject, OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { problemStatuses, withProblemResponses } from './openapi-problems';

const operation = (parts: Partial<OperationObject> = {}): OperationObject => ({ responses: {}, ...parts });
const path = { name: 'id', in: 'path' as const, required: true };
const query = { name: 'status', in: 'query' as const };
const body = { content: { 'application/json': { schema: { type: 'object' as const } } } };
const signedIn = { method: 'get', public: false, usesDatabase: true };

describe('problemStatuses', () => {
  it('gives a signed-in read of one record 400, 401, 403, 404, 431 and 503', () => {
    expect(problemStatuses(operation({ parameters: [path] }), signedIn)).toEqual([400, 401, 403, 404, 431, 503]);
  });

  it('gives a list with filters 400 and 422 (filters pass the privacy guard), no 404', () => {
    expect(problemStatuses(operation({ parameters: [query] }), signedIn)).toEqual([400, 401, 403, 422, 431, 503]);
  });

  it('gives a write with a body 409, 413 and 415 as well', () => {
    expect(
      problemStatuses(operation({ parameters: [path], requestBody: body }), { ...signedIn, method: 'patch' }),
    ).toEqual([400, 401, 403, 404, 409, 413, 415, 422, 431, 503]);
  });

  it('gives a public route no 401, 403 or 409, and keeps what the handler declares (429 on sign-in)', () => {
    const login = operation({ requestBody: body, responses: { 200: { description: '' }, 429: { description: 'x' } } });
    expect(problemStatuses(login, { method: 'post', public: true, usesDatabase: true })).toEqual([
      400, 413, 415, 422, 429, 431, 503,
    ]);
  });

  it('gives a public route without parameters outside the API at least 431', () => {
    expect(problemStatuses(operation(), { method: 'get', public: true, usesDatabase: false })).toEqual([431]);
  });
});

describe('withProblemResponses', () => {
  const document = (): OpenAPIObject => ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/api/v1/cases/{id}': {
        get: operation({
          operationId: 'CasesController_get',
          parameters: [path],
          responses: { 200: { description: 'The case' }, 403: { description: 'Requires one of the roles: manager' } },
        }),
      },
      '/health': { get: operation({ operationId: 'HealthController_check' }) },
    },
  });

  it('adds the Problem schema once and a problem+json response per derived status, keeping declared descriptions', () => {
    const result = withProblemResponses(document(), (id) => id === 'HealthController_check');
    expect(Object.keys(result.components?.schemas ?? {})).toEqual(['Problem']);
    const get = result.paths['/api/v1/cases/{id}'].get as OperationObject;
    expect(Object.keys(get.responses)).toEqual(['200', '400', '401', '403', '404', '431', '503']);
    expect(get.responses[403]).toEqual({
      description: 'Requires one of the roles: manager',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    expect(get.responses[503]).toMatchObject({ headers: { 'Retry-After': { schema: { type: 'integer' } } } });
    expect(get.security).toEqual([{ bearer: [] }]);
    expect(Object.keys((result.paths['/health'].get as OperationObject).responses)).toEqual(['431']);
  });

  it('keeps a 4xx body the handler describes itself, not a 5xx (the problem filter renders those)', () => {
    const oauth = { 'application/json': { schema: { type: 'object' as const } } };
    const doc = document();
    (doc.paths['/health'].get as OperationObject).responses[400] = { description: 'RFC 6749', content: oauth };
    (doc.paths['/health'].get as OperationObject).responses[503] = { description: 'Unhealthy', content: oauth };
    const result = withProblemResponses(doc, () => true);
    const responses = (result.paths['/health'].get as OperationObject).responses;
    expect(responses[400]).toEqual({ description: 'RFC 6749', content: oauth });
    expect(responses[503]).toMatchObject({
      description: 'Unhealthy',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
  });

  it('falls back on the security requirement for an operation it has no handler for', () => {
    const result = withProblemResponses(document(), () => undefined);
    expect(Object.keys((result.paths['/health'].get as OperationObject).responses)).toEqual(['431']);
  });
});
