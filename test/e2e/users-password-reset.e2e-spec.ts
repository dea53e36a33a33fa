import { createHash } from 'node:crypto';
import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import {
  bearer,
  createOrganization,
  FIXTURE_PASSWORD,
  FixtureOrganization,
  FixtureUser,
  loginAdmin,
} from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe("password resets: nobody sets another person's password", () => {
  let t: TestApp;
  let admin: string;
  let home: FixtureOrganization;
  let other: FixtureOrganization;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t.app);
    home = await createOrganization(t.app, OrganizationType.SocialServices, '0128');
    other = await createOrganization(t.app, OrganizationType.SocialServices, '0128');
  });
  afterAll(() => t.close());

  const issue = (token: string, userId: string) =>
    t.http.post(`/api/v1/users/${userId}/password-resets`).set(bearer(token)).send();
  const redeem = (token: string, newPassword = 'a-fresh-long-password') =>
    t.http.post('/api/v1/auth/password-reset').send({ token, newPassword });
  const signIn = (email: string, password: string) => t.http.post('/api/v1/auth/login').send({ email, password });
  const freshCaseworker = async (): Promise<FixtureUser> =>
    (await createOrganization(t.app, OrganizationType.Police, '0128', [Role.Caseworker])).users.caseworker;

  it('an admin issues a one-time token, shown once and kept only as a hash; the user redeems it; old tokens end', async () => {
    const user = await freshCaseworker();
    const issued = await issue(admin, user.id);
    expect(issued.status).toBe(201);
    expect(issued.headers['cache-control']).toBe('no-store');
    expect(issued.body).toEqual({
      userId: user.id,
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
    });
    const lifetime = new Date(issued.body.expiresAt).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(29 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(30 * 60_000);
    const [row] = await t.dataSource.query(
      `SELECT encode(token_hash, 'hex') AS hash, row_to_json(password_reset)::text AS text FROM password_reset WHERE user_id = $1`,
      [user.id],
    );
    expect(row.hash).toBe(createHash('sha256').update(issued.body.token).digest('hex'));
    expect(row.text).not.toContain(issued.body.token);
    expect((await signIn(user.email, FIXTURE_PASSWORD)).status).toBe(200);

    const redeemed = await redeem(issued.body.token);
    expect(redeemed.status).toBe(204);
    expect((await t.http.get('/api/v1/auth/me').set(bearer(user.token))).status).toBe(401);
    expect((await signIn(user.email, FIXTURE_PASSWORD)).status).toBe(401);
    expect((await signIn(user.email, 'a-fresh-long-password')).status).toBe(200);
    const again = await redeem(issued.body.token, 'yet-another-long-password');
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('password_reset.invalid_token');
    expect(await t.dataSource.query(`SELECT 1 FROM password_reset WHERE user_id = $1`, [user.id])).toEqual([]);
  });

  it('audits issuing (by the issuer) and redeeming (by the user), never the token or a password', async () => {
    const team = await createOrganization(t.app, OrganizationType.SocialServices, '0128', [
      Role.Coordinator,
      Role.Caseworker,
    ]);
    const [user, coordinator] = [team.users.caseworker, team.users.coordinator];
    const issued = await issue(coordinator.token, user.id);
    expect(issued.status).toBe(201);
    expect((await redeem(issued.body.token, 'coordinated-long-password')).status).toBe(204);
    const events = await t.dataSource.query<
      { action: string; actor_user_id: string; data: Record<string, unknown>; text: string }[]
    >(
      `SELECT action, actor_user_id, data, data::text AS text FROM audit_event WHERE entity_id = $1 AND action LIKE 'user.password_reset%' ORDER BY sequence`,
      [user.id],
    );
    expect(events.map(({ action, actor_user_id }) => [action, actor_user_id])).toEqual([
      ['user.password_reset_issued', coordinator.id],
      ['user.password_reset_redeemed', user.id],
    ]);
    expect(events[0].data).toEqual({ resetId: expect.any(String), expiresAt: expect.any(String) });
    expect(events[1].data).toEqual({ resetId: events[0].data.resetId });
    for (const { text } of events) {
      expect(text).not.toContain(issued.body.token);
      expect(text).not.toContain('coordinated-long-password');
    }
  });

  it('who may issue: coordinators for their own caseworkers only (a manager 403, another organisation 404); other roles 403; anonymous 401', async () => {
    const coordinator = home.users.coordinator.token;
    expect((await issue(coordinator, home.users.manager.id)).status).toBe(403);
    expect((await issue(coordinator, home.users.auditor.id)).status).toBe(403);
    expect((await issue(coordinator, other.users.caseworker.id)).status).toBe(404);
    expect((await issue(coordinator, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    for (const role of [Role.Caseworker, Role.Manager, Role.Auditor]) {
      const refused = await issue(home.users[role].token, home.users.caseworker.id);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('access.role');
    }
    expect((await t.http.post(`/api/v1/users/${home.users.caseworker.id}/password-resets`)).status).toBe(401);
    expect((await issue(admin, home.users.manager.id)).status).toBe(201);
  });

  it('nobody issues one for themself, nor for a deactivated account', async () => {
    const me = (await t.http.get('/api/v1/auth/me').set(bearer(admin))).body.id as string;
    const own = await issue(admin, me);
    expect(own.status).toBe(422);
    expect(own.body.code).toBe('password_reset.own_account');
    const user = await freshCaseworker();
    expect((await t.http.patch(`/api/v1/users/${user.id}`).set(bearer(admin)).send({ active: false })).status).toBe(
      200,
    );
    expect((await issue(admin, user.id)).body.code).toBe('password_reset.inactive_account');
  });

  it('a password the user changes themself supersedes a pending reset', async () => {
    const user = await freshCaseworker();
    const pending = (await issue(admin, user.id)).body.token as string;
    const changed = await t.http
      .post('/api/v1/auth/password')
      .set(bearer(user.token))
      .send({ currentPassword: FIXTURE_PASSWORD, newPassword: 'my-own-long-password' });
    expect(changed.status).toBe(200);
    expect((await redeem(pending)).body.code).toBe('password_reset.invalid_token');
    expect((await signIn(user.email, 'my-own-long-password')).status).toBe(200);
  });

  it('a change of roles or a deactivation voids a pending reset', async () => {
    const team = await createOrganization(t.app, OrganizationType.SocialServices, '0128', [
      Role.Coordinator,
      Role.Caseworker,
    ]);
    const byCoordinator = (await issue(team.users.coordinator.token, team.users.caseworker.id)).body.token as string;
    expect(
      (
        await t.http
          .patch(`/api/v1/users/${team.users.caseworker.id}`)
          .set(bearer(admin))
          .send({ roles: [Role.Manager] })
      ).status,
    ).toBe(200);
    expect((await redeem(byCoordinator)).body.code).toBe('password_reset.invalid_token');
    const user = await freshCaseworker();
    const pending = (await issue(admin, user.id)).body.token as string;
    expect((await t.http.patch(`/api/v1/users/${user.id}`).set(bearer(admin)).send({ active: false })).status).toBe(
      200,
    );
    expect((await t.http.patch(`/api/v1/users/${user.id}`).set(bearer(admin)).send({ active: true })).status).toBe(200);
    expect((await redeem(pending)).body.code).toBe('password_reset.invalid_token');
  });

  it('refuses an expired, superseded or unknown token alike, and a short new password', async () => {
    const user = await freshCaseworker();
    const first = (await issue(admin, user.id)).body.token as string;
    const second = (await issue(admin, user.id)).body.token as string;
    expect((await redeem(first)).body.code).toBe('password_reset.invalid_token');
    expect((await redeem(second, 'short')).status).toBe(400);
    await t.dataSource.query(`UPDATE password_reset SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      user.id,
    ]);
    const expired = await redeem(second);
    const unknown = await redeem('A'.repeat(43));
    expect(expired.status).toBe(422);
    expect({ ...expired.body, instance: undefined }).toEqual({ ...unknown.body, instance: undefined });
    expect((await signIn(user.email, FIXTURE_PASSWORD)).status).toBe(200);
  });
});
