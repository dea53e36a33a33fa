import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildApp } from '../support/child-app';

/** `npm start` with no DATABASE_URL: PGlite in DATA_DIR, queues on BullMQ's PostgreSQL backend, generated secrets, a printed admin. */
describe('embedded mode (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'samverkan-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts without any server, prints a one-time admin, serves goals, and keeps its data across a restart', async () => {
    const first = await startChildApp({ DATA_DIR: dataDir }, 90000);
    let credentials: { email: string; password: string };
    try {
      expect(first.output()).toContain('Embedded mode');
      // A short start at `info`: the mode, the address and the docs, the first admin; Nest's module and route lines at debug only.
      expect(first.output()).toMatch(
        /Listening on http:\/\/127\.0\.0\.1:\d+ \(API and worker\); API docs at http:\/\/127\.0\.0\.1:\d+\/docs/,
      );
      expect(first.output()).not.toMatch(/InstanceLoader|RoutesResolver|RouterExplorer|NestFactory/);
      expect(logLines(first.output()).length).toBeLessThanOrEqual(6);
      const email = /e-mail:\s+(\S+)/.exec(first.output())?.[1];
      const password = /password:\s+(\S+)/.exec(first.output())?.[1];
      expect(email).toBeDefined();
      credentials = { email: email as string, password: password as string };
      const health = await fetch(`${first.url}/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { details: unknown }).details).toEqual({
        database: { status: 'up' },
        queue: { status: 'up' },
      });
      const token = await signIn(first.url, credentials);
      const goals = await fetch(`${first.url}/api/v1/goals`, { headers: { authorization: `Bearer ${token}` } });
      expect(goals.status).toBe(200);
      expect(((await goals.json()) as { items: unknown[] }).items).toHaveLength(8);
    } finally {
      await first.stop();
    }
    // Stopped in order (worker, queues, pools, then PGlite): no pool sees its connections cut.
    expect(first.output()).toContain('Worker stopped');
    expect(first.output()).not.toContain('Connection terminated unexpectedly');

    const second = await startChildApp({ DATA_DIR: dataDir }, 90000);
    try {
      expect(second.output()).not.toContain('First start');
      expect(await signIn(second.url, credentials)).toEqual(expect.any(String));
    } finally {
      await second.stop();
    }
  }, 200000);
});

/** The structured log lines (the first-start notice is plain text on stdout). */
function logLines(output: string): string[] {
  return output.split('\n').filter((line) => line.startsWith('{'));
}

async function signIn(url: string, credentials: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}
