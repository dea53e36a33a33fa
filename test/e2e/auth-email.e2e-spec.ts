import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization, loginAdmin } from '../support/fixtures';
import { startTestApp, TestApp, uniqueSuffix } from '../support/test-app';

/** One normal form of an e-mail address for storing, signing in, throttling and uniqueness alike. */
describe('auth: e-mail addresses in one normal form', () => {
  let t: TestApp;
  let admin: string;
  let org: FixtureOrganization;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t.app);
    org = await createOrganization(t.app, OrganizationType.SocialServices, '0186');
  });
  afterAll(() => t.close());

  const password = 'ingrids-long-password';
  const create = (email: string) =>
    t.http
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email, displayName: 'Ingrid Nilsson', organizationId: org.id, roles: ['caseworker'], password });
  const signIn = (email: string, secret = password) =>
    t.http.post('/api/v1/auth/login').send({ email, password: secret });

  it('stores the normal form and signs in with any spelling of it', async () => {
    const local = `ingrid.nilsson.${uniqueSuffix()}`;
    const created = await create(`  İngrid.Nilsson.${local.split('.')[2].toUpperCase()}@Kommun.TEST `);
    expect(created.status).toBe(201);
    expect(created.body.email).toBe(`${local}@kommun.test`);
    for (const spelling of [
      `${local}@kommun.test`,
      `İ${local.slice(1)}@kommun.test`,
      `${local.toUpperCase()}@KOMMUN.TEST`,
      `ｉ${local.slice(1)}@kommun.test`,
    ]) {
      expect((await signIn(spelling)).status).toBe(200);
    }
  });

  it('counts failures of every spelling against one account: İngrid cannot slip past the limit for ingrid', async () => {
    const local = `ingrid.nilsson.${uniqueSuffix()}`;
    expect((await create(`${local}@kommun.test`)).status).toBe(201);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await signIn(`${local}@kommun.test`, 'wrong-password-123')).status).toBe(401);
    }
    for (const spelling of [
      `İ${local.slice(1)}@kommun.test`,
      `${local.toUpperCase()}@kommun.test`,
      `i\u0307${local.slice(1)}@kommun.test`,
    ]) {
      const response = await signIn(spelling);
      expect(response.status).toBe(429);
      expect(response.body.accessToken).toBeUndefined();
    }
  });

  it('refuses a second account under another spelling (409) and a look-alike in another script (400)', async () => {
    const local = `ingrid.nilsson.${uniqueSuffix()}`;
    expect((await create(`${local}@kommun.test`)).status).toBe(201);
    expect((await create(`İ${local.slice(1)}@kommun.test`)).status).toBe(409);
    expect((await create(`${local.toUpperCase()}@KOMMUN.test`)).status).toBe(409);
    const cyrillic = await create(`і${local.slice(1)}@kommun.test`);
    expect(cyrillic.status).toBe(400);
    expect(cyrillic.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    expect(JSON.stringify(cyrillic.body)).not.toContain(local);
  });

  it('has the database refuse a second row of the same stored form', async () => {
    const email = `${uniqueSuffix()}@kommun.test`;
    expect((await create(email)).status).toBe(201);
    await expect(
      t.dataSource.query(
        `INSERT INTO app_user (email, display_name, organization_id, roles, password_hash) SELECT email, 'X', organization_id, roles, password_hash FROM app_user WHERE email = $1`,
        [email],
      ),
    ).rejects.toThrow(/app_user_email_key/);
  });
});
