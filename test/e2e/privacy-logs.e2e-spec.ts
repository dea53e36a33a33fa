import { Client } from 'pg';
import { startChildApp, ChildApp } from '../support/child-app';
import { TEST_ADMIN } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-services';

/**
 * Personal data that a client sends is refused without being echoed, and never reaches a log line
 * (captured from the real process at trace level) or the audit trail.
 */
describe('privacy: refused values never reach the response, the logs or the audit trail', () => {
  const identityNumber = '19811228-9874';
  const email = 'anna.andersson@example.se';
  const phone = '+46 70 123 45 67';
  let child: ChildApp;
  let token: string;

  beforeAll(async () => {
    child = await startChildApp({
      DATABASE_URL: process.env.SAMVERKAN_TEST_DATABASE_URL as string,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `${process.env.SAMVERKAN_TEST_QUEUE_PREFIX}-logs`,
      JWT_SECRET: 'privacy-log-test-secret-that-is-long-enough',
      REFERENCE_HMAC_KEY: 'privacy-log-test-hmac-key-that-is-long-enough',
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      MIGRATIONS_RUN: 'false',
      LOG_LEVEL: 'trace',
    });
    const login = await fetch(`${child.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(TEST_ADMIN),
    });
    token = ((await login.json()) as { accessToken: string }).accessToken;
  });
  afterAll(() => child?.stop());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${child.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
    });

  it('refuses each kind with 422 naming field and kind, and the value appears nowhere', async () => {
    const cases: [string, string][] = [
      [identityNumber, 'personal_identity_number'],
      [email, 'email'],
      [phone, 'phone'],
    ];
    for (const [value, kind] of cases) {
      const response = await post('/api/v1/organizations', {
        name: `Enhet med kontakt ${value} i texten`,
        type: 'police',
        municipalityCode: '0180',
      });
      const text = await response.text();
      expect(response.status).toBe(422);
      expect(JSON.parse(text).errors).toEqual([{ field: 'name', code: 'personal_data', kind }]);
      expect(text).not.toContain(value);
    }
    const reason = await post(
      '/api/v1/organizations',
      { name: 'Enhet', type: 'police', municipalityCode: '0180' },
      { 'x-access-reason': `uppföljning ${identityNumber}` },
    );
    expect(reason.status).toBe(422);
    // Paths and query strings carry what a client put in them: the log names the route pattern, or that none matched.
    const paths = [
      `/api/v1/cases/lookup?reference=${encodeURIComponent(identityNumber)}`,
      `/api/v1/cases/${encodeURIComponent(identityNumber)}`,
      `/api/v1/no-such-route/${encodeURIComponent(email)}?q=${encodeURIComponent(phone)}`,
    ];
    for (const path of paths) {
      const response = await fetch(`${child.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }

    await new Promise((resolve) => setTimeout(resolve, 300));
    const logs = child.output();
    expect(logs).toContain('"statusCode":422');
    expect(logs).toContain('"route":"/api/v1/cases/:id"');
    expect(logs).toContain('"route":"(no route)"');
    expect(logs).not.toMatch(/"(?:url|path)":/);
    for (const value of [identityNumber, email, phone, '811228-9874', '8112289874']) {
      expect(logs).not.toContain(value);
    }

    const db = new Client({ connectionString: process.env.SAMVERKAN_TEST_DATABASE_URL });
    await db.connect();
    const [{ found }] = (
      await db.query(`SELECT count(*)::int AS found FROM audit_event WHERE data::text ~ $1 OR access_reason ~ $1`, [
        '811228.?9874|anna\\.andersson|70 123 45 67',
      ])
    ).rows;
    await db.end();
    expect(found).toBe(0);
  });
});
