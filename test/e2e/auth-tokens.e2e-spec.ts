import { JwtService } from '@nestjs/jwt';
import { API_AUDIENCE, TOKEN_ISSUER } from '../../src/auth/token-claims';
import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FIXTURE_PASSWORD, FixtureOrganization, loginAdmin } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('auth: bearer challenges (RFC 6750) and tokens that end with the account change', () => {
  let t: TestApp;
  let admin: string;
  let org: FixtureOrganization;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t.app);
    org = await createOrganization(t.app, OrganizationType.SocialServices, '0127');
  });
  afterAll(() => t.close());

  const me = (token?: string) =>
    token ? t.http.get('/api/v1/auth/me').set(bearer(token)) : t.http.get('/api/v1/auth/me');
  const signedBy = (claims: object) =>
    t.app.get(JwtService).signAsync(claims, {
      issuer: TOKEN_ISSUER,
      audience: API_AUDIENCE,
      algorithm: 'HS256',
      secret: 'test-jwt-secret-that-is-long-enough-000',
    });
  /** A fresh caseworker of the organisation, signed in through the API. */
  const freshUser = async (roles: Role[] = [Role.Caseworker]) => {
    const fixture = await createOrganization(t.app, OrganizationType.Police, '0127', roles);
    return fixture.users[roles[0]];
  };

  it('a missing token: 401 auth.unauthenticated with a bare Bearer challenge', async () => {
    const response = await me();
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('auth.unauthenticated');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="samverkan"');
    const basic = await t.http.get('/api/v1/auth/me').set({ Authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.body.code).toBe('auth.unauthenticated');
  });

  it('an expired token: 401 auth.token_expired with error="invalid_token"', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await signedBy({ sub: org.users.caseworker.id, gen: 0, iat: now - 7200, exp: now - 60 });
    const response = await me(expired);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('auth.token_expired');
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="samverkan", error="invalid_token"/);
  });

  it('a malformed, foreign-signed or generation-less token: 401 auth.invalid_token with error="invalid_token"', async () => {
    const [header, payload] = org.users.caseworker.token.split('.');
    const withoutGeneration = await signedBy({ sub: org.users.caseworker.id });
    for (const token of ['not-a-jwt', `${header}.${payload}.forged`, withoutGeneration]) {
      const response = await me(token);
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('auth.invalid_token');
      expect(response.headers['www-authenticate']).toBe('Bearer realm="samverkan", error="invalid_token"');
    }
  });

  it("changing one's own password needs the current one, ends every earlier token and answers with a fresh one", async () => {
    const user = await freshUser();
    const other = (await t.http.post('/api/v1/auth/login').send({ email: user.email, password: FIXTURE_PASSWORD })).body
      .accessToken as string;
    const wrong = await t.http
      .post('/api/v1/auth/password')
      .set(bearer(user.token))
      .send({ currentPassword: 'not-the-password', newPassword: 'a-new-long-password' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('auth.current_password_wrong');
    const changed = await t.http
      .post('/api/v1/auth/password')
      .set(bearer(user.token))
      .send({ currentPassword: FIXTURE_PASSWORD, newPassword: 'a-new-long-password' });
    expect(changed.status).toBe(200);
    expect(changed.headers['cache-control']).toBe('no-store');
    for (const old of [user.token, other]) {
      const refused = await me(old);
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('auth.invalid_token');
    }
    expect((await me(changed.body.accessToken)).status).toBe(200);
    expect(
      (await t.http.post('/api/v1/auth/login').send({ email: user.email, password: FIXTURE_PASSWORD })).status,
    ).toBe(401);
    expect(
      (await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'a-new-long-password' })).status,
    ).toBe(200);
    const [event] = await t.dataSource.query(
      `SELECT action, actor_user_id, data::text AS data FROM audit_event WHERE entity_id = $1 ORDER BY sequence DESC LIMIT 1`,
      [user.id],
    );
    expect(event).toEqual({ action: 'user.password_changed', actor_user_id: user.id, data: '{}' });
  });

  it("wrong current passwords count against the account's sign-in limit", async () => {
    const user = await freshUser();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await t.http
        .post('/api/v1/auth/password')
        .set(bearer(user.token))
        .send({ currentPassword: 'guess-number-one', newPassword: 'a-new-long-password' });
      expect(wrong.status).toBe(422);
    }
    const change = await t.http
      .post('/api/v1/auth/password')
      .set(bearer(user.token))
      .send({ currentPassword: FIXTURE_PASSWORD, newPassword: 'a-new-long-password' });
    expect(change.status).toBe(429);
    expect(
      (await t.http.post('/api/v1/auth/login').send({ email: user.email, password: FIXTURE_PASSWORD })).status,
    ).toBe(429);
  });

  it("a role change ends the account's tokens; a new display name does not", async () => {
    const user = await freshUser();
    expect(
      (await t.http.patch(`/api/v1/users/${user.id}`).set(bearer(admin)).send({ displayName: 'Ny handläggare' }))
        .status,
    ).toBe(200);
    expect((await me(user.token)).status).toBe(200);
    expect(
      (
        await t.http
          .patch(`/api/v1/users/${user.id}`)
          .set(bearer(admin))
          .send({ roles: [Role.Caseworker, Role.Manager] })
      ).status,
    ).toBe(200);
    expect((await me(user.token)).status).toBe(401);
  });

  it("a deactivation ends the account's tokens, and reactivating does not bring them back", async () => {
    const user = await freshUser();
    expect((await t.http.patch(`/api/v1/users/${user.id}`).set(bearer(admin)).send({ active: false })).status).toBe(
      200,
    );
    expect((await me(user.token)).status).toBe(401);
    expect((await t.http.patch(`/api/v1/users/${user.id}`).set(bearer(admin)).send({ active: true })).status).toBe(200);
    expect((await me(user.token)).status).toBe(401);
    expect(
      (await t.http.post('/api/v1/auth/login').send({ email: user.email, password: FIXTURE_PASSWORD })).status,
    ).toBe(200);
  });
});
