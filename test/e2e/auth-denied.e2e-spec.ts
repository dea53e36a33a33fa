import { Logger } from '@nestjs/common';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** Denied access is logged with the actor's user id (as loaded by the server, nothing the request carried) and counted in /metrics. */
describe('auth: denied access is logged and counted', () => {
  let t: TestApp;
  let home: FixtureOrganization;
  let other: FixtureOrganization;
  let warnings: jest.SpyInstance;
  beforeAll(async () => {
    t = await startTestApp();
    home = await createOrganization(t.app, OrganizationType.SocialServices, '0187');
    other = await createOrganization(t.app, OrganizationType.SocialServices, '0187');
  });
  beforeEach(() => {
    warnings = jest.spyOn(Logger.prototype, 'warn');
  });
  afterEach(() => warnings.mockRestore());
  afterAll(() => t.close());

  const deniedCount = async (status: number, code: string, route: string): Promise<number> => {
    const text = (await t.http.get('/metrics')).text;
    const line = text
      .split('\n')
      .find((entry) =>
        entry.startsWith(`access_denied_total{status_code="${status}",code="${code}",route="${route}"}`),
      );
    return line ? Number(line.split(' ').at(-1)) : 0;
  };
  const deniedLogs = () =>
    warnings.mock.calls
      .map(([entry]) => entry as Record<string, unknown>)
      .filter((entry) => typeof entry === 'object' && entry.event === 'access_denied');

  it.each([
    [
      '401 without a token',
      401,
      'auth.unauthenticated',
      '/api/v1/users',
      () => t.http.get('/api/v1/users'),
      () => null,
    ],
    [
      '401 with a bad token',
      401,
      'auth.invalid_token',
      '/api/v1/users',
      () => t.http.get('/api/v1/users').set(bearer('not-a-jwt')),
      () => null,
    ],
    [
      '401 for a failed sign-in',
      401,
      'auth.invalid_credentials',
      '/api/v1/auth/login',
      () => t.http.post('/api/v1/auth/login').send({ email: home.users.manager.email, password: 'not-the-password' }),
      () => null,
    ],
    [
      '403 for the wrong role',
      403,
      'access.role',
      '/api/v1/users',
      () => t.http.get('/api/v1/users').set(bearer(home.users.caseworker.token)),
      () => home.users.caseworker.id,
    ],
    [
      '403 by a rule of the service',
      403,
      'user.manage',
      '/api/v1/users/:id',
      () =>
        t.http
          .patch(`/api/v1/users/${home.users.auditor.id}`)
          .set(bearer(home.users.coordinator.token))
          .send({ displayName: 'X' }),
      () => home.users.coordinator.id,
    ],
    [
      '404 for a record of another organisation',
      404,
      'user.not_found',
      '/api/v1/users/:id',
      () => t.http.get(`/api/v1/users/${other.users.caseworker.id}`).set(bearer(home.users.coordinator.token)),
      () => home.users.coordinator.id,
    ],
  ])('%s', async (_, status, code, route, send, actor) => {
    const before = await deniedCount(status, code, route);
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
    expect(await deniedCount(status, code, route)).toBe(before + 1);
    const logs = deniedLogs();
    expect(logs).toEqual([
      {
        event: 'access_denied',
        status,
        code,
        method: expect.stringMatching(/^(GET|PATCH|POST)$/),
        route,
        userId: actor(),
      },
    ]);
    expect(JSON.stringify(logs)).not.toMatch(
      new RegExp(
        `${other.users.caseworker.id}|${home.users.auditor.id}|not-a-jwt|${home.users.manager.email}|not-the-password`,
      ),
    );
  });

  it("404 for another organisation's unpublished routine", async () => {
    const step = {
      key: 'first',
      title: 'Första steget',
      responsibleOrganizationType: 'social_services',
      dueAfter: 'P1D',
      dueFrom: 'case_start',
      outcomeCodes: ['done'],
    };
    const draft = await t.http
      .post('/api/v1/routines')
      .set(bearer(other.users.coordinator.token))
      .send({ title: 'Utkast', goals: [2], measures: [], steps: [step] });
    expect(draft.status).toBe(201);
    const before = await deniedCount(404, 'routine.not_found', '/api/v1/routines/:id');
    const response = await t.http.get(`/api/v1/routines/${draft.body.id}`).set(bearer(home.users.coordinator.token));
    expect(response.status).toBe(404);
    expect(await deniedCount(404, 'routine.not_found', '/api/v1/routines/:id')).toBe(before + 1);
    expect(deniedLogs()).toEqual([
      expect.objectContaining({ status: 404, code: 'routine.not_found', userId: home.users.coordinator.id }),
    ]);
  });

  it("404 for another organisation's adoption, read or changed", async () => {
    const owner = bearer(other.users.coordinator.token);
    const step = {
      key: 'first',
      title: 'Första steget',
      responsibleOrganizationType: 'social_services',
      dueAfter: 'P1D',
      dueFrom: 'case_start',
      outcomeCodes: ['done'],
    };
    const routine = (
      await t.http
        .post('/api/v1/routines')
        .set(owner)
        .send({ title: 'Delad rutin', goals: [2], measures: [], steps: [step] })
    ).body.id as string;
    expect((await t.http.post(`/api/v1/routines/${routine}/publish`).set(owner)).status).toBe(201);
    const adoption = await t.http.post('/api/v1/adoptions').set(owner).send({
      routineId: routine,
      version: 1,
      organizationId: other.id,
      partnerOrganizationIds: [],
      status: 'planned',
    });
    expect(adoption.status).toBe(201);
    const before = await deniedCount(404, 'adoption.not_found', '/api/v1/adoptions/:id');
    const read = await t.http.get(`/api/v1/adoptions/${adoption.body.id}`).set(bearer(home.users.coordinator.token));
    const change = await t.http
      .patch(`/api/v1/adoptions/${adoption.body.id}`)
      .set(bearer(home.users.coordinator.token))
      .send({ status: 'implementing' });
    expect([read.status, change.status]).toEqual([404, 404]);
    expect(await deniedCount(404, 'adoption.not_found', '/api/v1/adoptions/:id')).toBe(before + 2);
    expect(deniedLogs()).toEqual([
      expect.objectContaining({
        status: 404,
        code: 'adoption.not_found',
        method: 'GET',
        userId: home.users.coordinator.id,
      }),
      expect.objectContaining({
        status: 404,
        code: 'adoption.not_found',
        method: 'PATCH',
        userId: home.users.coordinator.id,
      }),
    ]);
  });

  it("404 for another organisation's case (read, timeline, a step action) and webhook", async () => {
    const owner = bearer(other.users.coordinator.token);
    const step = {
      key: 'first',
      title: 'Första steget',
      responsibleOrganizationType: 'social_services',
      dueAfter: 'P1D',
      dueFrom: 'case_start',
      outcomeCodes: ['done'],
    };
    const routine = (
      await t.http
        .post('/api/v1/routines')
        .set(owner)
        .send({ title: 'Rutin för ärenden', goals: [2], measures: [], steps: [step] })
    ).body.id as string;
    expect((await t.http.post(`/api/v1/routines/${routine}/publish`).set(owner)).status).toBe(201);
    const kase = await t.http
      .post('/api/v1/cases')
      .set(bearer(other.users.caseworker.token))
      .send({ routineId: routine, participants: [other.id] });
    expect(kase.status).toBe(201);
    const webhook = await t.http
      .post('/api/v1/webhooks')
      .set(owner)
      .send({ url: 'https://hooks.example.se/samverkan', events: ['case.created'] });
    expect(webhook.status).toBe(201);
    const intruder = bearer(home.users.caseworker.token);
    const attempts: [string, string, () => Promise<{ status: number }>][] = [
      ['case.not_found', '/api/v1/cases/:id', () => t.http.get(`/api/v1/cases/${kase.body.caseNumber}`).set(intruder)],
      [
        'case.not_found',
        '/api/v1/cases/:id/timeline',
        () => t.http.get(`/api/v1/cases/${kase.body.id}/timeline`).set(intruder),
      ],
      [
        'case.not_found',
        '/api/v1/cases/:id/steps/:key/complete',
        () =>
          t.http.post(`/api/v1/cases/${kase.body.id}/steps/first/complete`).set(intruder).send({ outcomeCode: 'done' }),
      ],
      [
        'webhook.not_found',
        '/api/v1/webhooks/:id',
        () => t.http.get(`/api/v1/webhooks/${webhook.body.id}`).set(bearer(home.users.coordinator.token)),
      ],
    ];
    for (const [code, route, send] of attempts) {
      const before = await deniedCount(404, code, route);
      expect((await send()).status).toBe(404);
      expect(await deniedCount(404, code, route)).toBe(before + 1);
    }
    const missing = await deniedCount(404, 'case.not_found', '/api/v1/cases/:id');
    expect((await t.http.get('/api/v1/cases/SAM-2020-999999').set(intruder)).status).toBe(404);
    expect(await deniedCount(404, 'case.not_found', '/api/v1/cases/:id')).toBe(missing);
  });

  it('a record that does not exist is a plain 404, not counted as denied access', async () => {
    const before = await deniedCount(404, 'user.not_found', '/api/v1/users/:id');
    const response = await t.http
      .get('/api/v1/users/00000000-0000-4000-8000-000000000000')
      .set(bearer(home.users.coordinator.token));
    expect(response.status).toBe(404);
    expect(await deniedCount(404, 'user.not_found', '/api/v1/users/:id')).toBe(before);
    expect(deniedLogs()).toEqual([]);
  });
});
