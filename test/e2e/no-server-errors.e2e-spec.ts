import { bearer, loginAdmin } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  queries: string[];
  bodyProperties: string[];
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string }[];
        requestBody?: { content?: { 'application/json'?: { schema?: { $ref?: string } } } };
      }
    >
  >;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

const A_UUID = '00000000-0000-4000-8000-000000000000';
const forgedCursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
const PATH_VALUES = [
  A_UUID,
  'not-a-uuid',
  '1',
  '-1',
  '2147483648',
  '99999999999999999999',
  '%00',
  'constructor',
  'x'.repeat(300),
];
const QUERY_VALUES = [
  '',
  'x',
  '-1',
  '1e309',
  '2147483648',
  '2026-13-45',
  '20240101',
  '2024-01-01T1000',
  '2024-01-01 10:00:00Z',
  '[]',
  '{"a":1}',
  A_UUID,
  'true',
  '%00',
  forgedCursor(['x']),
  forgedCursor(['x', 'y']),
  forgedCursor([1e30]),
  forgedCursor(['2024-13-01', 'x']),
  forgedCursor([-1]),
  forgedCursor([A_UUID, 'x']),
];
const BAD_FIELD_VALUES: unknown[] = [
  null,
  '\u0000',
  2147483648,
  -1,
  '',
  'x'.repeat(5000),
  ['x'],
  { a: 1 },
  '2024-01-01 10:00:00Z',
  'P99999999D',
  true,
];

/** No client mistake may produce a 500: every documented route gets malformed ids, queries and bodies. */
describe('no client input produces a 500', () => {
  let t: TestApp;
  let admin: string;
  let operations: Operation[];
  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t.app);
    const document = (await t.http.get('/docs-json')).body as OpenApiDocument;
    operations = Object.entries(document.paths)
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => {
          const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
          const schema = ref ? document.components.schemas[ref.split('/').pop() as string] : undefined;
          return {
            method: method as Operation['method'],
            path,
            queries: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
            bodyProperties: Object.keys(schema?.properties ?? {}),
          };
        }),
      )
      // Signing out would end the admin's session this walk runs on (it takes no input to get wrong).
      .filter((operation) => !(operation.method === 'post' && operation.path === '/api/v1/auth/logout'));
  });
  afterAll(() => t.close());

  /** Each value in every path parameter, and each value in the last one with a well-formed id before it. */
  const pathsOf = (path: string) => {
    const parameters = path.match(/\{[^}]+\}/g) ?? [];
    if (parameters.length === 0) {
      return [path];
    }
    return PATH_VALUES.flatMap((value) => {
      const everywhere = path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
      if (parameters.length === 1) {
        return [everywhere];
      }
      let index = 0;
      const lastOnly = path.replace(/\{[^}]+\}/g, () =>
        ++index === parameters.length ? encodeURIComponent(value) : A_UUID,
      );
      return [everywhere, lastOnly];
    });
  };

  const bodiesOf = (operation: Operation): unknown[] => {
    if (operation.method === 'get' || operation.method === 'delete') {
      return [undefined];
    }
    const perField = BAD_FIELD_VALUES.map((value) =>
      Object.fromEntries(operation.bodyProperties.map((name) => [name, value])),
    );
    return [{}, [], 'text', 42, null, ...perField];
  };

  it('answers malformed path parameters, queries and bodies with 4xx', async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const operation of operations) {
      for (const path of pathsOf(operation.path)) {
        const queries =
          operation.queries.length === 0
            ? ['']
            : [
                '',
                ...QUERY_VALUES.map((q) =>
                  operation.queries.map((name) => `${name}=${encodeURIComponent(q)}`).join('&'),
                ),
              ];
        for (const query of queries) {
          const url = query ? `${path}?${query}` : path;
          for (const body of bodiesOf(operation)) {
            let request = t.http[operation.method](url).set(bearer(admin));
            if (body !== undefined) {
              request = request.set('content-type', 'application/json').send(JSON.stringify(body));
            }
            const response = await request;
            requests += 1;
            if (response.status >= 500) {
              failures.push(
                `${operation.method.toUpperCase()} ${url} ${JSON.stringify(body)?.slice(0, 120)} → ${response.status} ${response.text.slice(0, 200)}`,
              );
            }
          }
        }
      }
    }
    expect(operations.length).toBeGreaterThan(30);
    expect(requests).toBeGreaterThan(2000);
    expect(failures).toEqual([]);
  }, 400000);

  it('answers a step or a routine of the wrong JSON type with 400 (an inner array passed nested validation)', async () => {
    const routine = { title: 'Rutin', goals: [3], measures: [], steps: [[]] };
    const created = await t.http
      .post('/api/v1/routines')
      .set(bearer(admin))
      .send({
        ...routine,
        steps: [
          {
            key: 'first',
            title: 'Första',
            responsibleOrganizationType: 'police',
            dueAfter: 'P1D',
            dueFrom: 'case_start',
            outcomeCodes: ['done'],
          },
        ],
      });
    expect(created.status).toBe(201);
    const attempts = [
      t.http.post('/api/v1/routines').set(bearer(admin)).send(routine),
      t.http
        .patch(`/api/v1/routines/${created.body.id}`)
        .set(bearer(admin))
        .send({ steps: [[]] }),
      t.http.post('/api/v1/routines/import').set(bearer(admin)).send({ format: 'samverkan.routine/v1', routine }),
      t.http.post('/api/v1/routines/import').set(bearer(admin)).send({ format: 'samverkan.routine/v1', routine: [] }),
      t.http
        .post('/api/v1/routines/import')
        .set(bearer(admin))
        .send({ format: 'samverkan.routine/v1', routine: { ...routine, steps: [] }, source: [] }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(400);
    }
  });
});
