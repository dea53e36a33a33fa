import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import {
  bearer,
  createOrganization,
  FIXTURE_PASSWORD,
  FixtureOrganization,
  login,
  loginAdmin,
} from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('auth: sessions, sign-out, and organisations without password sign-in', () => {
  let t: TestApp;
  let admin: string;
  let org: FixtureOrganization;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t.app);
    org = await createOrganization(t.app, OrganizationType.SocialServices, '0128');
  });
  afterAll(() => t.close());

  const me = (token: string) => t.http.get('/api/v1/auth/me').set(bearer(token));
  const auditActions = async (userId: string) =>
    (
      await t.dataSource.query<{ action: string; data: Record<string, unknown> }[]>(
        `SELECT action, data FROM audit_event WHERE entity_type = 'user' AND entity_id = $1 ORDER BY sequence`,
        [userId],
      )
    ).map((row) => row.action);

  it('POST /auth/logout ends that token at once; the account keeps its other sessions', async () => {
    const { email, id } = org.users.caseworker;
    const first = await login(t.app, email, FIXTURE_PASSWORD);
    const second = await login(t.app, email, FIXTURE_PASSWORD);
    expect((await me(first)).status).toBe(200);
    const logout = await t.http.post('/api/v1/auth/logout').set(bearer(first));
    expect(logout.status).toBe(204);
    const after = await me(first);
    expect(after.status).toBe(401);
    expect((after.body as Record<string, unknown>).code).toBe('auth.invalid_token');
    expect((await me(second)).status).toBe(200);
    expect(await auditActions(id)).toContain('session.ended');
    // Signing out twice is no error, and records nothing more.
    expect((await t.http.post('/api/v1/auth/logout').set(bearer(first))).status).toBe(401);
  });

  it('a token whose session id is unknown is refused', async () => {
    const [header, payload, signature] = org.users.manager.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const swapped = Buffer.from(JSON.stringify({ ...claims, sid: '00000000-0000-4000-8000-000000000000' })).toString(
      'base64url',
    );
    expect((await me(`${header}.${swapped}.${signature}`)).status).toBe(401);
  });

  it('an admin ends every session of a user (DELETE /users/:id/sessions); others may not', async () => {
    const target = await createOrganization(t.app, OrganizationType.Police, '0128', [
      Role.Caseworker,
      Role.Coordinator,
    ]);
    const { email, id, token } = target.users.caseworker;
    const another = await login(t.app, email, FIXTURE_PASSWORD);
    const byCoordinator = await t.http
      .delete(`/api/v1/users/${id}/sessions`)
      .set(bearer(target.users.coordinator.token));
    expect(byCoordinator.status).toBe(403);
    expect((await me(token)).status).toBe(200);
    const ended = await t.http.delete(`/api/v1/users/${id}/sessions`).set(bearer(admin));
    expect(ended.status).toBe(204);
    expect((await me(token)).status).toBe(401);
    expect((await me(another)).status).toBe(401);
    expect(await auditActions(id)).toContain('session.ended_all');
    // A new sign-in works again.
    expect((await me(await login(t.app, email, FIXTURE_PASSWORD))).status).toBe(200);
    const unknown = await t.http
      .delete(`/api/v1/users/00000000-0000-4000-8000-000000000000/sessions`)
      .set(bearer(admin));
    expect(unknown.status).toBe(404);
  });

  it('passwordSignIn: false refuses password sign-in for the organisation, as a wrong password would', async () => {
    const fixture = await createOrganization(t.app, OrganizationType.Healthcare, '0128', [Role.Caseworker]);
    const patched = await t.http
      .patch(`/api/v1/organizations/${fixture.id}`)
      .set(bearer(admin))
      .send({ passwordSignIn: false });
    expect(patched.status).toBe(200);
    expect((patched.body as Record<string, unknown>).passwordSignIn).toBe(false);
    const refused = await t.http
      .post('/api/v1/auth/login')
      .send({ email: fixture.users.caseworker.email, password: FIXTURE_PASSWORD });
    expect(refused.status).toBe(401);
    expect((refused.body as Record<string, unknown>).code).toBe('auth.invalid_credentials');
    await t.http.patch(`/api/v1/organizations/${fixture.id}`).set(bearer(admin)).send({ passwordSignIn: true });
    expect((await me(await login(t.app, fixture.users.caseworker.email, FIXTURE_PASSWORD))).status).toBe(200);
  });
});
