import { bearer, loginAdmin } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
}

const PATH_VALUES = ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '1', '-1', '99999999999999999999', '%00', 'x'.repeat(300)];
const QUERY_VALUES = ['', 'x', '-1', '1e309', '2026-13-45', '[]', '{"a":1}', '00000000-0000-4000-8000-000000000000', 'true'];
const BODIES: unknown[] = [{}, [], 'text', 42, null, { id: 1, title: ['x'], steps: 'x', goals: [1e309], version: -1, status: {} }];

/** No client mistake may produce a 500: every documented route gets malformed ids, queries and bodies. */
describe('no client input produces a 500', () => {
  let t: TestApp;
  let admin: string;
  let operations: Operation[];
  let queryNames: Map<string, string[]>;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t.app);
    const document = (await t.http.get('/docs-json')).body as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    operations = [];
    queryNames = new Map();
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        operations.push({ method: method as Operation['method'], path });
        queryNames.set(`${method} ${path}`, (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
      }
    }
  });
  afterAll(() => t.close());

  it('answers malformed path parameters, queries and bodies with 4xx', async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      for (const value of PATH_VALUES) {
        const path = operation.path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
        const queries = queryNames.get(`${operation.method} ${operation.path}`) ?? [];
        const variants = [
          '',
          ...QUERY_VALUES.map((q) => queries.map((name) => `${name}=${encodeURIComponent(q)}`).join('&')),
        ];
        for (const query of variants) {
          const url = query ? `${path}?${query}` : path;
          const bodies = operation.method === 'get' || operation.method === 'delete' ? [undefined] : BODIES;
          for (const body of bodies) {
            let request = t.http[operation.method](url).set(bearer(admin));
            if (body !== undefined) request = request.set('content-type', 'application/json').send(JSON.stringify(body));
            const response = await request;
            if (response.status >= 500) failures.push(`${operation.method.toUpperCase()} ${url} ${JSON.stringify(body)} → ${response.status} ${response.text.slice(0, 200)}`);
          }
        }
        if (!operation.path.includes('{')) break;
      }
    }
    expect(operations.length).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  }, 240000);
});
