import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization, loginAdmin } from '../support/fixtures';
import { routineBody } from '../support/privacy-walk-world';
import { startTestApp, TestApp } from '../support/test-app';

type Method = 'get' | 'post' | 'patch' | 'delete';

/**
 * The routes added with follow-up reports, strategy periods, assessment methods, diagrams, API clients, identity
 * providers and sessions, tried from outside: a user of a role the route does not admit gets 403, an API client
 * (a token for an organisation, not for staff) gets 403 where the route is for staff only, and a user of an
 * organisation outside gets 404 for what is not theirs. The features' own specs prove what the right caller gets.
 */
describe('new routes refuse the wrong role, API clients where staff only, and other organisations', () => {
  const NO_RECORD = '00000000-0000-4000-8000-000000000000';
  let t: TestApp;
  let admin: string;
  let own: FixtureOrganization;
  let outside: FixtureOrganization;
  let clientToken: string;
  let draftId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t.app);
    own = await createOrganization(t.app, OrganizationType.SocialServices, '0180');
    outside = await createOrganization(t.app, OrganizationType.Police, '0180', [Role.Coordinator, Role.Caseworker]);
    const draft = await t.http
      .post('/api/v1/routines')
      .set(bearer(own.users.coordinator.token))
      .send(routineBody('Utkast för åtkomstprov'));
    expect(draft.status).toBe(201);
    draftId = (draft.body as { id: string }).id;
    // An API client of the own organisation holding every scope: still not staff.
    const client = await t.http
      .post('/api/v1/api-clients')
      .set(bearer(admin))
      .send({
        name: 'Ärendesystem åtkomstprov',
        organizationId: own.id,
        scopes: ['cases:read', 'cases:write', 'routines:read', 'reports:read'],
      });
    expect(client.status).toBe(201);
    const { clientId, clientSecret } = client.body as { clientId: string; clientSecret: string };
    const token = await t.http
      .post('/api/v1/auth/token')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(`grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`);
    expect(token.status).toBe(200);
    clientToken = (token.body as { access_token: string }).access_token;
  });
  afterAll(() => t.close());

  const call = (method: Method, url: string, token: string, body?: object) => {
    const request = t.http[method](url).set(bearer(token));
    return body ? request.send(body) : request;
  };

  /** [method, url, the role refused] for every new route that admits some roles and not others. */
  const roleRestricted: [Method, string, Role][] = [
    ['get', '/api/v1/reports/follow-up', Role.Caseworker],
    ['get', '/api/v1/reports/strategy-follow-up?year=2026', Role.Caseworker],
    ['get', '/api/v1/reports/overdue', Role.Caseworker],
    ['get', '/api/v1/reports/overdue', Role.Auditor],
    ['post', '/api/v1/strategy-periods', Role.Coordinator],
    ['post', '/api/v1/assessment-methods', Role.Coordinator],
    ['post', '/api/v1/api-clients', Role.Coordinator],
    ['get', '/api/v1/api-clients', Role.Manager],
    ['get', `/api/v1/api-clients/${NO_RECORD}`, Role.Auditor],
    ['post', `/api/v1/api-clients/${NO_RECORD}/disable`, Role.Coordinator],
    ['post', `/api/v1/api-clients/${NO_RECORD}/rotate-secret`, Role.Coordinator],
    ['post', '/api/v1/identity-providers', Role.Coordinator],
    ['get', '/api/v1/identity-providers', Role.Auditor],
    ['get', `/api/v1/identity-providers/${NO_RECORD}`, Role.Manager],
    ['patch', `/api/v1/identity-providers/${NO_RECORD}`, Role.Coordinator],
    ['delete', `/api/v1/identity-providers/${NO_RECORD}`, Role.Coordinator],
    ['delete', `/api/v1/users/${NO_RECORD}/sessions`, Role.Manager],
  ];

  it.each(roleRestricted)('%s %s refuses a %s with 403', async (method, url, role) => {
    const response = await call(method, url, own.users[role].token, method === 'get' ? undefined : {});
    expect(response.status).toBe(403);
    expect((response.body as { code: string }).code).toBe('access.role');
  });

  /** Routes for staff only: an API client of the organisation, whatever its scopes, is refused. */
  const staffOnly: [Method, string][] = [
    ['post', '/api/v1/api-clients'],
    ['get', '/api/v1/api-clients'],
    ['get', `/api/v1/api-clients/${NO_RECORD}`],
    ['post', `/api/v1/api-clients/${NO_RECORD}/disable`],
    ['post', `/api/v1/api-clients/${NO_RECORD}/rotate-secret`],
    ['post', '/api/v1/identity-providers'],
    ['get', '/api/v1/identity-providers'],
    ['get', `/api/v1/identity-providers/${NO_RECORD}`],
    ['patch', `/api/v1/identity-providers/${NO_RECORD}`],
    ['delete', `/api/v1/identity-providers/${NO_RECORD}`],
    ['delete', `/api/v1/users/${NO_RECORD}/sessions`],
    ['post', '/api/v1/auth/logout'],
    ['post', '/api/v1/strategy-periods'],
    ['post', '/api/v1/assessment-methods'],
  ];

  it.each(staffOnly)('%s %s refuses an API client with 403', async (method, url) => {
    const response = await call(method, url, clientToken, method === 'get' ? undefined : {});
    expect(response.status).toBe(403);
  });

  it("answers 404 to another organisation for a draft's diagram and re-link, as for the draft itself", async () => {
    const token = outside.users.coordinator.token;
    for (const path of ['draft/diagram?format=mermaid', 'period-relink', 'versions/1/diagram?format=mermaid']) {
      const response = await call('get', `/api/v1/routines/${draftId}/${path}`, token);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    expect((await call('get', `/api/v1/routines/${draftId}`, token)).status).toBe(404);
  });

  it("keeps another organisation's manager out of an organisation's overdue steps and follow-up", async () => {
    const overdue = await call('get', '/api/v1/reports/overdue', outside.users.coordinator.token);
    expect(overdue.status).toBe(200);
    expect(JSON.stringify(overdue.body)).not.toContain(own.id);
    const followUp = await call(
      'get',
      `/api/v1/reports/follow-up?organizationId=${own.id}&groupBy=organization`,
      outside.users.coordinator.token,
    );
    expect(followUp.status).toBe(200);
    expect(JSON.stringify(followUp.body)).not.toContain(own.id);
  });
});
