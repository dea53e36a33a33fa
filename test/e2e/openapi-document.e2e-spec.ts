import type { OpenAPIV3 } from 'openapi-types';
import { openApiComplaint } from '../support/openapi-validator';
import { startTestApp, TestApp } from '../support/test-app';

const PROBLEM_REF = '#/components/schemas/Problem';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** The one place errors are not problems: OAuth clients expect RFC 6749 §5.2 errors from the token endpoint. */
const OWN_ERROR_FORMAT = new Set(['POST /api/v1/auth/token 400', 'POST /api/v1/auth/token 401']);

interface Operation {
  name: string;
  operation: OpenAPIV3.OperationObject;
}

/**
 * The served OpenAPI document, checked by an independent validator (@apidevtools/swagger-parser) and for what
 * clients rely on: a summary for every operation, its 4xx answers as RFC 9457 problems, schemas for its successes.
 * New routes pass by declaring `@ApiOperation({ summary })`; their error responses are derived (openapi-problems.ts).
 */
describe('the OpenAPI document', () => {
  let t: TestApp;
  let document: OpenAPIV3.Document;
  let operations: Operation[];

  beforeAll(async () => {
    t = await startTestApp({ role: 'api' });
    const response = await t.http.get('/docs-json');
    expect(response.status).toBe(200);
    document = response.body as OpenAPIV3.Document;
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.flatMap((method) => {
        const operation = item?.[method];
        return operation ? [{ name: `${method.toUpperCase()} ${path}`, operation }] : [];
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  }, 30_000);

  it('is a valid OpenAPI document', async () => {
    expect(await openApiComplaint(document)).toBeNull();
    expect(operations.length).toBeGreaterThan(50);
  }, 30_000);

  it('gives every operation a one-line summary', () => {
    const without = operations.filter(
      ({ operation }) => !operation.summary?.trim() || operation.summary.includes('\n'),
    );
    expect(without.map(({ name }) => name)).toEqual([]);
  });

  it('defines the problem schema once, with the RFC 9457 members and field errors', () => {
    const problem = document.components?.schemas?.Problem as OpenAPIV3.SchemaObject;
    expect(Object.keys(problem.properties ?? {})).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'instance', 'errors']),
    );
    const errors = problem.properties?.errors as OpenAPIV3.ArraySchemaObject;
    expect((errors.items as OpenAPIV3.SchemaObject).required).toEqual(['field', 'code']);
  });

  it('answers every 4xx of every operation with application/problem+json and the problem schema', () => {
    const faults = operations.flatMap(({ name, operation }) => {
      const clientErrors = Object.entries(operation.responses).filter(([status]) => /^4\d\d$/.test(status));
      if (clientErrors.length === 0) {
        return [`${name}: no 4xx response`];
      }
      return clientErrors
        .filter(([status]) => !OWN_ERROR_FORMAT.has(`${name} ${status}`))
        .filter(([, response]) => {
          const content = (response as OpenAPIV3.ResponseObject).content ?? {};
          const types = Object.keys(content);
          const schema = content['application/problem+json']?.schema as OpenAPIV3.ReferenceObject | undefined;
          return types.length !== 1 || schema?.$ref !== PROBLEM_REF;
        })
        .map(([status]) => `${name}: ${status} is not a problem`);
    });
    expect(faults).toEqual([]);
  });

  it('derives the problems from the route: who may call it and what it takes', () => {
    const statuses = (name: string) =>
      Object.keys(operations.find((each) => each.name === name)?.operation.responses ?? {}).filter((status) =>
        status.startsWith('4'),
      );
    expect(statuses('POST /api/v1/cases')).toEqual(['400', '401', '403', '409', '413', '415', '422', '431']);
    expect(statuses('GET /api/v1/cases/{id}')).toEqual(expect.arrayContaining(['400', '401', '403', '404']));
    expect(statuses('POST /api/v1/auth/login')).not.toContain('403');
    expect(statuses('GET /health/live')).toEqual(['431']);
  });

  it('describes every success that has a body with a schema', () => {
    const faults = operations.flatMap(({ name, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^2\d\d$/.test(status) && status !== '204')
        .filter(([, response]) => {
          const content = Object.values((response as OpenAPIV3.ResponseObject).content ?? {});
          return content.length === 0 || content.some((media) => !media.schema);
        })
        .map(([status]) => `${name}: ${status} has no schema`),
    );
    expect(faults).toEqual([]);
  });
});
