import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization, login, loginAdmin } from '../support/fixtures';
import { startTestApp, TestApp, uniqueSuffix } from '../support/test-app';

describe('users', () => {
  let t: TestApp;
  let admin: string;
  let home: FixtureOrganization;
  let other: FixtureOrganization;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t.app);
    home = await createOrganization(t.app, OrganizationType.SocialServices, '0127');
    other = await createOrganization(t.app, OrganizationType.Healthcare, '0127');
  });
  afterAll(() => t.close());

  const newUser = (organizationId: string, roles: Role[] = [Role.Caseworker]) => ({
    email: `handlaggare.${uniqueSuffix()}@botkyrka.test`,
    displayName: 'Handläggare Botkyrka',
    organizationId,
    roles,
    password: 'a-long-enough-password',
  });

  it('admins create users in any organisation; the answer and the audit trail hold no password or e-mail', async () => {
    const body = newUser(other.id, [Role.Coordinator, Role.Manager]);
    const response = await t.http.post('/api/v1/users').set(bearer(admin)).send(body);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      email: body.email,
      displayName: body.displayName,
      organizationId: other.id,
      roles: [Role.Coordinator, Role.Manager],
      active: true,
      deactivatedAt: null,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(response.body)).not.toMatch(/password|argon2/i);
    const events = await t.dataSource.query(`SELECT action, data::text AS data FROM audit_event WHERE entity_id = $1`, [
      response.body.id,
    ]);
    expect(events).toHaveLength(1);
    expect(events[0].action).toBe('user.created');
    expect(events[0].data).not.toContain(body.email);
    expect(events[0].data).not.toContain(body.displayName);
    expect(await login(t.app, body.email, body.password)).toEqual(expect.any(String));
  });

  it('coordinators create caseworkers and managers of their own organisation only', async () => {
    const coordinator = bearer(home.users.coordinator.token);
    expect(
      (
        await t.http
          .post('/api/v1/users')
          .set(coordinator)
          .send(newUser(home.id, [Role.Caseworker]))
      ).status,
    ).toBe(201);
    expect(
      (
        await t.http
          .post('/api/v1/users')
          .set(coordinator)
          .send(newUser(home.id, [Role.Manager]))
      ).status,
    ).toBe(201);
    expect(
      (
        await t.http
          .post('/api/v1/users')
          .set(coordinator)
          .send(newUser(home.id, [Role.Admin]))
      ).status,
    ).toBe(403);
    expect(
      (
        await t.http
          .post('/api/v1/users')
          .set(coordinator)
          .send(newUser(home.id, [Role.Auditor]))
      ).status,
    ).toBe(403);
    expect(
      (
        await t.http
          .post('/api/v1/users')
          .set(coordinator)
          .send(newUser(other.id, [Role.Caseworker]))
      ).status,
    ).toBe(403);
  });

  it('refuses other roles (403) and anonymous callers (401)', async () => {
    for (const role of [Role.Caseworker, Role.Manager, Role.Auditor]) {
      expect(
        (await t.http.post('/api/v1/users').set(bearer(home.users[role].token)).send(newUser(home.id))).status,
      ).toBe(403);
      expect(
        (
          await t.http
            .patch(`/api/v1/users/${home.users.caseworker.id}`)
            .set(bearer(home.users[role].token))
            .send({ displayName: 'X' })
        ).status,
      ).toBe(403);
    }
    for (const role of [Role.Caseworker, Role.Auditor]) {
      expect((await t.http.get('/api/v1/users').set(bearer(home.users[role].token))).status).toBe(403);
    }
    expect((await t.http.get('/api/v1/users')).status).toBe(401);
    expect((await t.http.post('/api/v1/users').send(newUser(home.id))).status).toBe(401);
  });

  it('validates: short password and bad e-mail are 400, duplicate e-mail 409, unknown organisation 422', async () => {
    expect(
      (
        await t.http
          .post('/api/v1/users')
          .set(bearer(admin))
          .send({ ...newUser(home.id), password: 'short' })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.http
          .post('/api/v1/users')
          .set(bearer(admin))
          .send({ ...newUser(home.id), email: 'not-an-email' })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.http
          .post('/api/v1/users')
          .set(bearer(admin))
          .send({ ...newUser(home.id), roles: ['superuser'] })
      ).status,
    ).toBe(400);
    const duplicate = await t.http
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ ...newUser(home.id), email: home.users.manager.email.toUpperCase() });
    expect(duplicate.status).toBe(409);
    const unknownOrg = await t.http
      .post('/api/v1/users')
      .set(bearer(admin))
      .send(newUser('00000000-0000-4000-8000-000000000000'));
    expect(unknownOrg.status).toBe(422);
  });

  it('lists: coordinators and managers see their own organisation only; admins filter by organisation', async () => {
    const mine = await t.http.get('/api/v1/users?limit=200').set(bearer(home.users.manager.token));
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((u: { organizationId: string }) => u.organizationId === home.id)).toBe(true);
    expect(JSON.stringify(mine.body)).not.toMatch(/passwordHash|argon2/);
    const foreign = await t.http
      .get(`/api/v1/users?organizationId=${other.id}`)
      .set(bearer(home.users.coordinator.token));
    expect(foreign.body.items).toEqual([]);
    const filtered = await t.http.get(`/api/v1/users?organizationId=${other.id}&limit=200`).set(bearer(admin));
    expect(filtered.body.items.every((u: { organizationId: string }) => u.organizationId === other.id)).toBe(true);
    expect(
      (await t.http.get(`/api/v1/users/${other.users.caseworker.id}`).set(bearer(home.users.coordinator.token))).status,
    ).toBe(404);
    expect(
      (await t.http.get(`/api/v1/users/${home.users.caseworker.id}`).set(bearer(home.users.coordinator.token))).status,
    ).toBe(200);
  });

  it('deactivates instead of deleting: the account stays, its sign-in stops, and the trail says user.deactivated', async () => {
    const created = (
      await t.http.post('/api/v1/users').set(bearer(home.users.coordinator.token)).send(newUser(home.id))
    ).body;
    const deactivated = await t.http
      .patch(`/api/v1/users/${created.id}`)
      .set(bearer(home.users.coordinator.token))
      .send({ active: false });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body).toMatchObject({ active: false, deactivatedAt: expect.any(String) });
    const [event] = await t.dataSource.query(
      `SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY sequence DESC LIMIT 1`,
      [created.id],
    );
    expect(event.action).toBe('user.deactivated');
    const signIn = await t.http
      .post('/api/v1/auth/login')
      .send({ email: created.email, password: 'a-long-enough-password' });
    expect(signIn.status).toBe(401);
    expect((await t.http.get(`/api/v1/users/${created.id}`).set(bearer(admin))).body.active).toBe(false);
    expect(
      (await t.http.patch(`/api/v1/users/${created.id}`).set(bearer(admin)).send({ active: true })).body.active,
    ).toBe(true);
  });

  it('coordinators may not touch accounts of other roles or other organisations; nobody deactivates themself', async () => {
    const coordinator = bearer(home.users.coordinator.token);
    expect(
      (await t.http.patch(`/api/v1/users/${home.users.auditor.id}`).set(coordinator).send({ displayName: 'X' })).status,
    ).toBe(403);
    expect(
      (
        await t.http
          .patch(`/api/v1/users/${home.users.caseworker.id}`)
          .set(coordinator)
          .send({ roles: [Role.Admin] })
      ).status,
    ).toBe(403);
    expect(
      (await t.http.patch(`/api/v1/users/${other.users.caseworker.id}`).set(coordinator).send({ displayName: 'X' }))
        .status,
    ).toBe(404);
    const me = (await t.http.get('/api/v1/auth/me').set(bearer(admin))).body;
    expect((await t.http.patch(`/api/v1/users/${me.id}`).set(bearer(admin)).send({ active: false })).status).toBe(422);
  });

  it('records in user.updated only the fields that changed, and nothing at all for a change to nothing', async () => {
    const created = (await t.http.post('/api/v1/users').set(bearer(admin)).send(newUser(home.id))).body;
    const events = async () =>
      await t.dataSource.query<{ action: string; data: { changed?: string[] } }[]>(
        `SELECT action, data FROM audit_event WHERE entity_id = $1 ORDER BY sequence`,
        [created.id],
      );
    const patch = (body: object) => t.http.patch(`/api/v1/users/${created.id}`).set(bearer(admin)).send(body);
    expect((await patch({ displayName: 'Handläggare Tumba' })).status).toBe(200);
    expect((await events()).at(-1)).toEqual({
      action: 'user.updated',
      data: { changed: ['displayName'], roles: [Role.Caseworker], active: true },
    });
    expect((await patch({ displayName: 'Handläggare Tumba', roles: [Role.Caseworker], active: true })).status).toBe(
      200,
    );
    expect(await events()).toHaveLength(2);
    expect((await patch({ displayName: 'Handläggare Tumba', roles: [Role.Caseworker, Role.Manager] })).status).toBe(
      200,
    );
    expect((await events()).at(-1)?.data.changed).toEqual(['roles']);
  });

  it('no longer takes a password through PATCH, for anyone: 400 naming the field, and the password stays', async () => {
    const created = (
      await t.http
        .post('/api/v1/users')
        .set(bearer(home.users.coordinator.token))
        .send(newUser(home.id, [Role.Manager]))
    ).body;
    for (const token of [admin, home.users.coordinator.token]) {
      const response = await t.http
        .patch(`/api/v1/users/${created.id}`)
        .set(bearer(token))
        .send({ password: 'another-long-password' });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    }
    expect(await login(t.app, created.email, 'a-long-enough-password')).toEqual(expect.any(String));
  });
});
