import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization, loginAdmin } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface CreatedClient {
  id: string;
  clientId: string;
  clientSecret: string;
  organizationId: string;
  scopes: string[];
}

describe('API clients: client credentials (RFC 6749 §4.4) and scopes on every route', () => {
  let t: TestApp;
  let admin: string;
  let org: FixtureOrganization;
  let other: FixtureOrganization;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t.app);
    org = await createOrganization(t.app, OrganizationType.SocialServices, '0180');
    other = await createOrganization(t.app, OrganizationType.Police, '0180');
  });
  afterAll(() => t.close());

  const createClient = async (scopes: string[], organizationId = org.id): Promise<CreatedClient> => {
    const response = await t.http
      .post('/api/v1/api-clients')
      .set(bearer(admin))
      .send({ name: 'Ärendesystem', organizationId, scopes });
    expect(response.status).toBe(201);
    return response.body as CreatedClient;
  };
  const basic = (id: string, secret: string) => ({
    Authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`,
  });
  const tokenRequest = (form: string, headers: Record<string, string> = {}) =>
    t.http
      .post('/api/v1/auth/token')
      .set({ 'content-type': 'application/x-www-form-urlencoded', ...headers })
      .send(form);
  const tokenFor = async (client: CreatedClient, scope?: string): Promise<string> => {
    const response = await tokenRequest(
      `grant_type=client_credentials${scope ? `&scope=${encodeURIComponent(scope)}` : ''}`,
      basic(client.clientId, client.clientSecret),
    );
    expect(response.status).toBe(200);
    return (response.body as { access_token: string }).access_token;
  };

  it('admins create, list, read, rotate and disable clients; the secret is shown only at creation and rotation', async () => {
    const client = await createClient(['cases:read']);
    expect(client).toMatchObject({ organizationId: org.id, scopes: ['cases:read'], active: true });
    expect(client.clientId).toMatch(/^sv-[a-z]{24}$/);
    expect(client.clientSecret.length).toBeGreaterThanOrEqual(43);
    const listed = await t.http.get('/api/v1/api-clients').query({ limit: 200 }).set(bearer(admin));
    expect(listed.status).toBe(200);
    const item = (listed.body as { items: Record<string, unknown>[] }).items.find((c) => c.id === client.id);
    expect(item).toBeDefined();
    expect(JSON.stringify(listed.body)).not.toContain(client.clientSecret);
    expect(item).not.toHaveProperty('clientSecret');
    const read = await t.http.get(`/api/v1/api-clients/${client.id}`).set(bearer(admin));
    expect(read.body).not.toHaveProperty('clientSecret');
    const stored = await t.dataSource.query<{ secret_hash: Buffer }[]>(
      `SELECT secret_hash FROM api_client WHERE id = $1`,
      [client.id],
    );
    expect(stored[0].secret_hash.toString('utf8')).not.toContain(client.clientSecret);

    const oldToken = await tokenFor(client);
    const rotated = await t.http.post(`/api/v1/api-clients/${client.id}/rotate-secret`).set(bearer(admin));
    expect(rotated.status).toBe(200);
    const newSecret = (rotated.body as CreatedClient).clientSecret;
    expect(newSecret).not.toBe(client.clientSecret);
    expect((await t.http.get('/api/v1/cases').set(bearer(oldToken))).status).toBe(401);
    expect(
      (await tokenRequest('grant_type=client_credentials', basic(client.clientId, client.clientSecret))).status,
    ).toBe(401);
    const fresh = await tokenFor({ ...client, clientSecret: newSecret });
    expect((await t.http.get('/api/v1/cases').set(bearer(fresh))).status).toBe(200);

    const disabled = await t.http.post(`/api/v1/api-clients/${client.id}/disable`).set(bearer(admin));
    expect(disabled.body).toMatchObject({ active: false });
    expect((await t.http.get('/api/v1/cases').set(bearer(fresh))).status).toBe(401);
    expect((await tokenRequest('grant_type=client_credentials', basic(client.clientId, newSecret))).status).toBe(401);

    const actions = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_event WHERE entity_type = 'api_client' AND entity_id = $1 ORDER BY sequence`,
      [client.id],
    );
    expect(actions.map((row) => row.action)).toEqual([
      'api_client.created',
      'api_client.secret_rotated',
      'api_client.disabled',
    ]);
  });

  it('only admins manage clients; bad scopes and unknown organisations are refused', async () => {
    const asCoordinator = await t.http
      .post('/api/v1/api-clients')
      .set(bearer(org.users.coordinator.token))
      .send({ name: 'X', organizationId: org.id, scopes: ['cases:read'] });
    expect(asCoordinator.status).toBe(403);
    expect((await t.http.get('/api/v1/api-clients').set(bearer(org.users.auditor.token))).status).toBe(403);
    const refusals: [Record<string, unknown>, number][] = [
      [{ name: 'X', organizationId: org.id, scopes: ['cases:everything'] }, 400],
      [{ name: 'X', organizationId: org.id, scopes: [] }, 400],
      [{ name: 'Ring 070-123 45 67', organizationId: org.id, scopes: ['cases:read'] }, 422],
      [{ name: 'X', organizationId: '00000000-0000-4000-8000-000000000000', scopes: ['cases:read'] }, 422],
    ];
    for (const [body, status] of refusals) {
      const response = await t.http.post('/api/v1/api-clients').set(bearer(admin)).send(body);
      expect(response.status).toBe(status);
      expect(JSON.stringify(response.body)).not.toContain('070-123');
    }
  });

  it('the token endpoint: Basic or form authentication, RFC 6749 §5.2 errors with the right statuses', async () => {
    const client = await createClient(['cases:read', 'routines:read']);
    const viaBasic = await tokenRequest('grant_type=client_credentials', basic(client.clientId, client.clientSecret));
    expect(viaBasic.status).toBe(200);
    expect(viaBasic.headers['cache-control']).toBe('no-store');
    expect(viaBasic.body).toEqual({
      access_token: expect.any(String) as unknown,
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'cases:read routines:read',
    });
    const viaForm = await tokenRequest(
      `grant_type=client_credentials&scope=cases%3Aread&client_id=${client.clientId}&client_secret=${encodeURIComponent(client.clientSecret)}`,
    );
    expect(viaForm.status).toBe(200);
    expect((viaForm.body as Record<string, unknown>).scope).toBe('cases:read');

    const refusals: [string, Record<string, string>, number, string][] = [
      ['grant_type=client_credentials', basic(client.clientId, 'wrong'), 401, 'invalid_client'],
      ['grant_type=client_credentials', basic('sv-unknown', client.clientSecret), 401, 'invalid_client'],
      ['grant_type=client_credentials', {}, 401, 'invalid_client'],
      ['', basic(client.clientId, client.clientSecret), 400, 'invalid_request'],
      ['grant_type=password', basic(client.clientId, client.clientSecret), 400, 'unsupported_grant_type'],
      [
        'grant_type=client_credentials&scope=audit%3Aread',
        basic(client.clientId, client.clientSecret),
        400,
        'invalid_scope',
      ],
      [
        'grant_type=client_credentials&scope=nonsense',
        basic(client.clientId, client.clientSecret),
        400,
        'invalid_scope',
      ],
      [
        'grant_type=client_credentials&grant_type=client_credentials',
        basic(client.clientId, client.clientSecret),
        400,
        'invalid_request',
      ],
    ];
    for (const [form, headers, status, error] of refusals) {
      const response = await tokenRequest(form, headers);
      expect({ form, status: response.status, error: (response.body as Record<string, unknown>).error }).toEqual({
        form,
        status,
        error,
      });
      expect(response.headers['content-type']).toContain('application/json');
      if (error === 'invalid_client') {
        expect(response.headers['www-authenticate']).toMatch(/^Basic realm="samverkan"/);
      }
    }
    const json = await t.http
      .post('/api/v1/auth/token')
      .set(basic(client.clientId, client.clientSecret))
      .send({ grant_type: 'client_credentials' });
    expect(json.status).toBe(400);
    expect((json.body as Record<string, unknown>).error).toBe('invalid_request');
    // Any body that is not a form, even one that does not parse or names no type, is the same invalid_request (§5.2).
    for (const [type, text] of [
      ['application/json', '{"grant_type":'],
      ['text/plain', 'grant_type=client_credentials'],
      ['application/octet-stream', '\u0000'],
    ]) {
      const other = await t.http
        .post('/api/v1/auth/token')
        .set({ ...basic(client.clientId, client.clientSecret), 'content-type': type })
        .send(text);
      expect({
        type,
        status: other.status,
        contentType: other.headers['content-type'],
        body: other.body as unknown,
      }).toEqual({
        type,
        status: 400,
        contentType: expect.stringContaining('application/json') as unknown,
        body: { error: 'invalid_request', error_description: expect.any(String) as unknown },
      });
    }
    // Form bodies stay refused everywhere else, and so do other types.
    const elsewhere = await t.http
      .post('/api/v1/auth/login')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send('email=a&password=b');
    expect(elsewhere.status).toBe(415);
    const text = await t.http.post('/api/v1/auth/login').set('content-type', 'text/plain').send('email=a');
    expect(text.status).toBe(415);
  });

  it('a client acts within its organisation and its scopes: 403 outside them, audited as actor type "client"', async () => {
    const reader = await createClient(['cases:read', 'audit:read']);
    const token = await tokenFor(reader);
    expect((await t.http.get('/api/v1/cases').set(bearer(token))).status).toBe(200);

    const write = await t.http.post('/api/v1/cases').set(bearer(token)).send({});
    expect(write.status).toBe(403);
    expect((write.body as Record<string, unknown>).code).toBe('access.scope');
    expect(write.headers['www-authenticate']).toBe(
      'Bearer realm="samverkan", error="insufficient_scope", scope="cases:write"',
    );
    for (const path of ['/api/v1/users', '/api/v1/auth/me', '/api/v1/webhooks', '/api/v1/api-clients']) {
      const response = await t.http.get(path).set(bearer(token));
      expect({ path, status: response.status, code: (response.body as Record<string, unknown>).code }).toEqual({
        path,
        status: 403,
        code: 'access.clients_not_allowed',
      });
    }
    // A token asked for with fewer scopes holds only those.
    const narrow = await tokenFor(reader, 'cases:read');
    expect((await t.http.get('/api/v1/audit-events').set(bearer(narrow))).status).toBe(403);

    const audit = await t.http.get('/api/v1/audit-events').set(bearer(token));
    expect(audit.status).toBe(200);
    const [listed] = await t.dataSource.query<
      { actor_type: string; actor_user_id: string; actor_organization_id: string }[]
    >(
      `SELECT actor_type, actor_user_id, actor_organization_id FROM audit_event WHERE action = 'audit_event.listed' AND actor_user_id = $1`,
      [reader.id],
    );
    expect(listed).toEqual({ actor_type: 'client', actor_user_id: reader.id, actor_organization_id: org.id });
    // Within its organisation: the events it sees concern its organisation only.
    const items = (audit.body as { items: { organizationIds: string[] }[] }).items;
    expect(items.every((event) => event.organizationIds.includes(org.id))).toBe(true);
    expect(
      items.some((event) => event.organizationIds.includes(other.id) && !event.organizationIds.includes(org.id)),
    ).toBe(false);
  });
});
