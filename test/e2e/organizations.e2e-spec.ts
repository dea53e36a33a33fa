import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization, loginAdmin } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('organizations', () => {
  let t: TestApp;
  let admin: string;
  let org: FixtureOrganization;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t.app);
    org = await createOrganization(t.app, OrganizationType.Police, '0182');
  });
  afterAll(() => t.close());

  const valid = () => ({ name: `Kvinnojouren Nacka ${Date.now()}`, type: 'womens_shelter', municipalityCode: '0182' });

  it('admins create an organisation and the change is audited', async () => {
    const response = await t.http.post('/api/v1/organizations').set(bearer(admin)).send(valid());
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.any(String),
      type: 'womens_shelter',
      municipalityCode: '0182',
      parentId: null,
    });
    const [event] = await t.dataSource.query(`SELECT action, data FROM audit_event WHERE entity_id = $1`, [
      response.body.id,
    ]);
    expect(event).toEqual({
      action: 'organization.created',
      data: { type: 'womens_shelter', municipalityCode: '0182', parentId: null },
    });
  });

  it('refuses an unknown municipality code, an unknown type and unknown properties with 400', async () => {
    for (const body of [
      { ...valid(), municipalityCode: '0100' },
      { ...valid(), municipalityCode: '9999' },
      { ...valid(), type: 'ministry' },
      { ...valid(), extra: true },
      { type: 'police' },
    ]) {
      const response = await t.http.post('/api/v1/organizations').set(bearer(admin)).send(body);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: expect.any(String), code: expect.any(String) })]),
      );
    }
  });

  it('accepts every Stockholm county municipality code', async () => {
    const response = await t.http
      .post('/api/v1/organizations')
      .set(bearer(admin))
      .send({ ...valid(), municipalityCode: '0192' });
    expect(response.status).toBe(201);
  });

  it('refuses an unknown parent (422) and a parent cycle (422)', async () => {
    const unknownParent = await t.http
      .post('/api/v1/organizations')
      .set(bearer(admin))
      .send({ ...valid(), parentId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownParent.status).toBe(422);
    const parent = (await t.http.post('/api/v1/organizations').set(bearer(admin)).send(valid())).body;
    const child = (
      await t.http
        .post('/api/v1/organizations')
        .set(bearer(admin))
        .send({ ...valid(), parentId: parent.id })
    ).body;
    const cycle = await t.http
      .patch(`/api/v1/organizations/${parent.id}`)
      .set(bearer(admin))
      .send({ parentId: child.id });
    expect(cycle.status).toBe(422);
    expect(cycle.body.errors).toEqual([{ field: 'parentId', code: 'cycle' }]);
  });

  it('admins update; anyone signed in reads and filters', async () => {
    const patched = await t.http
      .patch(`/api/v1/organizations/${org.id}`)
      .set(bearer(admin))
      .send({ name: `${org.name} (polisområde)` });
    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe(`${org.name} (polisområde)`);
    const read = await t.http.get(`/api/v1/organizations/${org.id}`).set(bearer(org.users.caseworker.token));
    expect(read.status).toBe(200);
    const filtered = await t.http
      .get('/api/v1/organizations?type=police&municipalityCode=0182&limit=200')
      .set(bearer(org.users.auditor.token));
    expect(filtered.status).toBe(200);
    expect(filtered.body.items.map((o: { id: string }) => o.id)).toContain(org.id);
    expect(
      filtered.body.items.every(
        (o: { type: string; municipalityCode: string }) => o.type === 'police' && o.municipalityCode === '0182',
      ),
    ).toBe(true);
  });

  it('pages with an opaque cursor and rejects a forged one with 400', async () => {
    const first = await t.http.get('/api/v1/organizations?limit=1').set(bearer(admin));
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http.get(`/api/v1/organizations?limit=1&cursor=${first.body.nextCursor}`).set(bearer(admin));
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect((await t.http.get('/api/v1/organizations?cursor=bm90LWEtY3Vyc29y').set(bearer(admin))).status).toBe(400);
    expect((await t.http.get('/api/v1/organizations?limit=201').set(bearer(admin))).status).toBe(400);
  });

  it('refuses writes by every non-admin role (403) and without a token (401)', async () => {
    for (const role of [Role.Coordinator, Role.Caseworker, Role.Manager, Role.Auditor]) {
      const token = org.users[role].token;
      expect((await t.http.post('/api/v1/organizations').set(bearer(token)).send(valid())).status).toBe(403);
      expect(
        (await t.http.patch(`/api/v1/organizations/${org.id}`).set(bearer(token)).send({ name: 'x' })).status,
      ).toBe(403);
    }
    expect((await t.http.post('/api/v1/organizations').send(valid())).status).toBe(401);
    expect((await t.http.get('/api/v1/organizations')).status).toBe(401);
    expect((await t.http.get(`/api/v1/organizations/${org.id}`)).status).toBe(401);
  });

  it('answers 404 for an organisation that does not exist and 400 for a malformed id', async () => {
    expect(
      (await t.http.get('/api/v1/organizations/00000000-0000-4000-8000-000000000000').set(bearer(admin))).status,
    ).toBe(404);
    expect((await t.http.get('/api/v1/organizations/not-a-uuid').set(bearer(admin))).status).toBe(400);
  });

  it('refuses personal data in the name with 422, naming the field but not echoing the value', async () => {
    const response = await t.http
      .post('/api/v1/organizations')
      .set(bearer(admin))
      .send({ ...valid(), name: 'Kontakt 070-123 45 67' });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ field: 'name', code: 'personal_data', kind: 'phone' }]);
    expect(JSON.stringify(response.body)).not.toContain('070-123 45 67');
  });
});
