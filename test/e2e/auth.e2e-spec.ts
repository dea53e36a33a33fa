import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FIXTURE_PASSWORD, FixtureOrganization } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('auth', () => {
  let t: TestApp;
  let org: FixtureOrganization;
  beforeAll(async () => {
    t = await startTestApp();
    org = await createOrganization(t.app, OrganizationType.SocialServices, '0181');
  });
  afterAll(() => t.close());

  it('signs in with e-mail and password and returns a bearer token', async () => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .send({ email: org.users.caseworker.email.toUpperCase(), password: FIXTURE_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });
  });

  it('answers an unknown e-mail and a wrong password identically', async () => {
    const unknown = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@test.samverkan.local', password: 'whatever-password' });
    const wrong = await t.http
      .post('/api/v1/auth/login')
      .send({ email: org.users.manager.email, password: 'wrong-password-123' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
  });

  it('throttles repeated failures for one account with 429, even with the right password', async () => {
    const email = org.users.auditor.email;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await t.http.post('/api/v1/auth/login').send({ email, password: 'wrong-password-123' })).status).toBe(
        401,
      );
    }
    const throttled = await t.http.post('/api/v1/auth/login').send({ email, password: FIXTURE_PASSWORD });
    expect(throttled.status).toBe(429);
    expect(throttled.body.type).toContain('problems/');
  });

  it('counts parallel guesses before checking them: at most the limit get through to a password check', async () => {
    const email = org.users.coordinator.email;
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        t.http.post('/api/v1/auth/login').send({ email, password: 'wrong-password-123' }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
  });

  it('keeps no e-mail address or IP address in the throttling table', async () => {
    await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'someone.private@example.se', password: 'wrong-password-123' });
    const rows = await t.dataSource.query<{ key: string }[]>(`SELECT key FROM login_failure`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.key).join(' ')).not.toMatch(/@|127\.0\.0\.1|::1/);
  });

  it('GET /auth/me returns the user, organisation and roles, never the password hash', async () => {
    const response = await t.http.get('/api/v1/auth/me').set(bearer(org.users.coordinator.token));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: org.users.coordinator.id,
      email: org.users.coordinator.email,
      displayName: 'Test coordinator',
      roles: [Role.Coordinator],
      organization: { id: org.id, name: org.name, type: OrganizationType.SocialServices, municipalityCode: '0181' },
    });
    expect(JSON.stringify(response.body)).not.toContain('argon2');
  });

  it('refuses a missing, malformed or foreign-signed token with 401', async () => {
    expect((await t.http.get('/api/v1/auth/me')).status).toBe(401);
    expect((await t.http.get('/api/v1/auth/me').set({ Authorization: 'Bearer not-a-jwt' })).status).toBe(401);
    const [header, payload] = org.users.coordinator.token.split('.');
    expect(
      (await t.http.get('/api/v1/auth/me').set({ Authorization: `Bearer ${header}.${payload}.forged` })).status,
    ).toBe(401);
  });

  it('locks out a deactivated account at once, with its existing token', async () => {
    const victim = await createOrganization(t.app, OrganizationType.Police, '0180', [Role.Caseworker]);
    await t.dataSource.query('UPDATE app_user SET active = false WHERE id = $1', [victim.users.caseworker.id]);
    expect((await t.http.get('/api/v1/auth/me').set(bearer(victim.users.caseworker.token))).status).toBe(401);
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: victim.users.caseworker.email, password: FIXTURE_PASSWORD });
    expect(login.status).toBe(401);
  });
});

describe('auth throttling per client address', () => {
  let t: TestApp;
  afterAll(async () => {
    // The counters live in the shared test database: leave no blocked address behind for other suites.
    await t.dataSource.query(`DELETE FROM login_failure WHERE key LIKE 'address:%'`);
    await t.close();
  });

  it('refuses an address after too many failures across different accounts', async () => {
    t = await startTestApp({
      auth: {
        jwtSecret: 'test-jwt-secret-that-is-long-enough-000',
        jwtExpiresInSeconds: 3600,
        loginMaxFailures: 100,
        loginMaxFailuresPerAddress: 3,
        loginWindowSeconds: 900,
      },
    });
    await t.dataSource.query(`DELETE FROM login_failure WHERE key LIKE 'address:%'`);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await t.http
        .post('/api/v1/auth/login')
        .send({ email: `nobody${attempt}@test.samverkan.local`, password: 'wrong-password-123' });
      expect(response.status).toBe(401);
    }
    expect(
      (
        await t.http
          .post('/api/v1/auth/login')
          .send({ email: 'someone.else@test.samverkan.local', password: 'wrong-password-123' })
      ).status,
    ).toBe(429);
  });
});
