import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization, loginAdmin } from '../support/fixtures';
import {
  createPublishedRoutine,
  publishNextVersion,
  retireRoutine,
  routineDefinition,
  routineStep,
  PublishedRoutine,
  threeOrganisationRoutine,
} from '../support/routine-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

type Method = 'get' | 'post';

interface Route {
  name: string;
  method: Method;
  path: (caseId: string) => string;
  body?: Record<string, unknown>;
  roles: Role[];
  /** Routes on one case answer 404 to organisations that do not take part. */
  oneCase: boolean;
}

const ACTORS = [Role.Caseworker, Role.Coordinator];
const READERS = [...ACTORS, Role.Manager];

describe('collaboration cases: who may do what, and validation when opening', () => {
  let t: TestApp;
  let social: FixtureOrganization;
  let police: FixtureOrganization;
  let health: FixtureOrganization;
  let outsider: FixtureOrganization;
  let routine: PublishedRoutine;
  let caseId: string;
  let adminToken: string;

  const participants = () => [social.id, police.id, health.id];
  const create = (token: string, body: Record<string, unknown>) =>
    t.http.post('/api/v1/cases').set(bearer(token)).send(body);
  const send = (method: Method, path: string, token: string | null, body?: Record<string, unknown>) => {
    const request = method === 'get' ? t.http.get(path) : t.http.post(path).send(body ?? {});
    return token ? request.set(bearer(token)) : request;
  };

  const ROUTES: Route[] = [
    { name: 'create', method: 'post', path: () => '/api/v1/cases', roles: ACTORS, oneCase: false },
    { name: 'list', method: 'get', path: () => '/api/v1/cases', roles: READERS, oneCase: false },
    {
      name: 'lookup',
      method: 'get',
      path: () => '/api/v1/cases/lookup?reference=IFO-1',
      roles: ACTORS,
      oneCase: false,
    },
    { name: 'get', method: 'get', path: (id) => `/api/v1/cases/${id}`, roles: READERS, oneCase: true },
    { name: 'timeline', method: 'get', path: (id) => `/api/v1/cases/${id}/timeline`, roles: READERS, oneCase: true },
    {
      name: 'complete',
      method: 'post',
      path: (id) => `/api/v1/cases/${id}/steps/report/complete`,
      body: { outcomeCode: 'reported' },
      roles: ACTORS,
      oneCase: true,
    },
    {
      name: 'skip',
      method: 'post',
      path: (id) => `/api/v1/cases/${id}/steps/report/skip`,
      body: { reasonCode: 'not_needed' },
      roles: ACTORS,
      oneCase: true,
    },
    {
      name: 'close',
      method: 'post',
      path: (id) => `/api/v1/cases/${id}/close`,
      body: { closureCode: 'withdrawn', force: true },
      roles: ACTORS,
      oneCase: true,
    },
  ];

  beforeAll(async () => {
    t = await startTestApp();
    social = await createOrganization(t.app, OrganizationType.SocialServices, '0182');
    police = await createOrganization(t.app, OrganizationType.Police, '0182');
    health = await createOrganization(t.app, OrganizationType.Healthcare, '0182');
    outsider = await createOrganization(t.app, OrganizationType.SocialServices, '0183');
    adminToken = await loginAdmin(t.app);
    routine = await createPublishedRoutine(
      t.dataSource,
      { organizationId: social.id, userId: social.users.coordinator.id },
      threeOrganisationRoutine(),
    );
    const opened = await create(social.users.caseworker.token, { routineId: routine.id, participants: participants() });
    expect(opened.status).toBe(201);
    caseId = opened.body.id as string;
  });
  afterAll(() => t.close());

  describe('permission matrix', () => {
    it.each(ROUTES.map((route) => [route.name, route] as const))('%s: no token → 401', async (_, route) => {
      expect((await send(route.method, route.path(caseId), null, route.body)).status).toBe(401);
    });

    it.each(ROUTES.map((route) => [route.name, route] as const))('%s: roles without access → 403', async (_, route) => {
      const refused = [Role.Coordinator, Role.Caseworker, Role.Manager, Role.Auditor].filter(
        (role) => !route.roles.includes(role),
      );
      for (const role of refused) {
        const response = await send(route.method, route.path(caseId), social.users[role].token, route.body);
        expect([role, response.status]).toEqual([role, 403]);
      }
      expect((await send(route.method, route.path(caseId), adminToken, route.body)).status).toBe(403);
    });

    it.each(ROUTES.filter((route) => route.oneCase).map((route) => [route.name, route] as const))(
      "%s: another organisation's case → 404, never 403, for every role that may call",
      async (_, route) => {
        for (const role of route.roles) {
          const response = await send(route.method, route.path(caseId), outsider.users[role].token, route.body);
          expect([role, response.status, response.body.code]).toEqual([role, 404, 'case.not_found']);
        }
        const unknown = await send(
          route.method,
          route.path('00000000-0000-4000-8000-000000000000'),
          social.users.coordinator.token,
          route.body,
        );
        expect(unknown.status).toBe(404);
      },
    );

    it("lists and looks up nothing of another organisation's cases", async () => {
      const listed = await t.http.get('/api/v1/cases').set(bearer(outsider.users.manager.token));
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([]);
      expect(
        (await t.http.get('/api/v1/cases').set(bearer(police.users.manager.token))).body.items.map(
          (item: { id: string }) => item.id,
        ),
      ).toEqual([caseId]);
    });

    it('lets managers of every participant read, but not act on, the case', async () => {
      for (const organization of [social, police, health]) {
        expect((await t.http.get(`/api/v1/cases/${caseId}`).set(bearer(organization.users.manager.token))).status).toBe(
          200,
        );
        expect(
          (await t.http.get(`/api/v1/cases/${caseId}/timeline`).set(bearer(organization.users.manager.token))).status,
        ).toBe(200);
      }
    });

    it('answers 403 to a participant acting on a step another participant owns', async () => {
      const response = await send(
        'post',
        `/api/v1/cases/${caseId}/steps/report/complete`,
        police.users.coordinator.token,
        { outcomeCode: 'reported' },
      );
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('case_step.not_owner');
    });

    it("lets participants' auditors read the case's events through the audit API, and no one else's", async () => {
      const events = async (token: string) =>
        (
          (
            await t.http
              .get('/api/v1/audit-events')
              .query({ entityType: 'case', entityId: caseId })
              .set(bearer(token))
              .expect(200)
          ).body.items as {
            action: string;
          }[]
        ).map((event) => event.action);
      for (const organization of [social, police, health]) {
        expect(await events(organization.users.auditor.token)).toContain('case.created');
      }
      expect(await events(outsider.users.auditor.token)).toEqual([]);
    });
  });

  describe('opening a case', () => {
    const body = (extra: Record<string, unknown> = {}) => ({
      routineId: routine.id,
      participants: participants(),
      ...extra,
    });

    it('refuses a caller whose organisation is not a participant (422)', async () => {
      const response = await create(outsider.users.coordinator.token, body());
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'case.caller_not_participant',
        errors: [{ field: 'participants', code: 'caller_missing' }],
      });
    });

    it('refuses an unknown routine, a routine with only a draft, an unknown version and unknown participants (422)', async () => {
      const unknown = await create(
        social.users.caseworker.token,
        body({ routineId: '00000000-0000-4000-8000-000000000000' }),
      );
      expect(unknown.body).toMatchObject({ status: 422, code: 'case.unknown_routine' });
      const [{ id: draftOnly }] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO routine (owner_organization_id, draft) VALUES ($1, $2) RETURNING id`,
        [social.id, JSON.stringify(threeOrganisationRoutine())],
      );
      expect((await create(social.users.caseworker.token, body({ routineId: draftOnly }))).body).toMatchObject({
        status: 422,
        code: 'case.unknown_routine',
      });
      expect((await create(social.users.caseworker.token, body({ version: 9 }))).body).toMatchObject({
        status: 422,
        code: 'case.unknown_version',
      });
      const ghost = '00000000-0000-4000-8000-00000000000a';
      const unknownParticipant = await create(
        social.users.caseworker.token,
        body({ participants: [...participants(), ghost] }),
      );
      expect(unknownParticipant.body).toMatchObject({
        status: 422,
        code: 'case.unknown_participant',
        errors: [{ field: 'participants', code: 'unknown', organizationId: ghost }],
      });
    });

    it('refuses a retired routine (409)', async () => {
      const retired = await createPublishedRoutine(
        t.dataSource,
        { organizationId: police.id, userId: police.users.coordinator.id },
        threeOrganisationRoutine(),
      );
      await retireRoutine(t.dataSource, retired.id);
      const response = await create(social.users.caseworker.token, body({ routineId: retired.id }));
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('routine.retired');
    });

    it('runs the latest published version unless one is named', async () => {
      const versioned = await createPublishedRoutine(
        t.dataSource,
        { organizationId: social.id, userId: social.users.coordinator.id },
        threeOrganisationRoutine(),
      );
      const v2 = routineDefinition([routineStep('single', OrganizationType.Police)]);
      await publishNextVersion(t.dataSource, versioned.id, v2, social.users.coordinator.id);
      const latest = await create(social.users.caseworker.token, body({ routineId: versioned.id }));
      expect(latest.body).toMatchObject({
        routineVersion: 2,
        steps: [{ key: 'single', status: 'active', ownerOrganizationId: police.id }],
      });
      const first = await create(social.users.caseworker.token, body({ routineId: versioned.id, version: 1 }));
      expect(first.body.routineVersion).toBe(1);
      expect(first.body.steps).toHaveLength(4);
    });

    it('answers 422 naming the step and the missing organisation type when no participant qualifies', async () => {
      const response = await create(social.users.caseworker.token, body({ participants: [social.id, police.id] }));
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('case.step_without_owner');
      expect(response.body.detail).toContain('"health_check"');
      expect(response.body.detail).toContain('healthcare');
      expect(response.body.errors).toEqual([
        { field: 'participants', code: 'missing_type', step: 'health_check', organizationType: 'healthcare' },
      ]);
    });

    it('asks which participant owns a step where several qualify, and takes the one named', async () => {
      const otherPolice = await createOrganization(t.app, OrganizationType.Police, '0183', [Role.Caseworker]);
      const several = [...participants(), otherPolice.id];
      const ambiguous = await create(social.users.caseworker.token, body({ participants: several }));
      expect(ambiguous.status).toBe(422);
      expect(ambiguous.body.errors).toEqual([
        {
          field: 'owners.police_interview',
          code: 'owner_required',
          step: 'police_interview',
          organizationType: 'police',
        },
      ]);
      const named = await create(
        social.users.caseworker.token,
        body({ participants: several, owners: { police_interview: otherPolice.id } }),
      );
      expect(named.status).toBe(201);
      expect(
        named.body.steps.find((step: { key: string }) => step.key === 'police_interview').ownerOrganizationId,
      ).toBe(otherPolice.id);
      const wrongType = await create(social.users.caseworker.token, body({ owners: { police_interview: health.id } }));
      expect(wrongType.body.errors).toEqual([
        {
          field: 'owners.police_interview',
          code: 'not_qualified',
          step: 'police_interview',
          organizationType: 'police',
        },
      ]);
    });

    it.each([
      ['participants missing', { routineId: 'x' }],
      ['a participant that is not a UUID', { participants: ['nope'] }],
      [
        'duplicate participants',
        { participants: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001'] },
      ],
      ['owners that are not a map of step keys to UUIDs', { owners: { police_interview: 'police' } }],
      ['an external reference that is not a reference', { externalReference: 'IFO <1>' }],
      ['a property the API does not know', { secret: true }],
    ])('answers 400 to %s', async (_, extra) => {
      const response = await create(social.users.caseworker.token, { ...body(), ...extra });
      expect(response.status).toBe(400);
    });

    it('refuses personal data in the external reference and in notes (422), without echoing it', async () => {
      const identityNumber = '19811228-9874';
      const reference = await create(social.users.caseworker.token, body({ externalReference: identityNumber }));
      expect(reference.status).toBe(422);
      expect(reference.body.errors).toEqual([
        { field: 'externalReference', code: 'personal_data', kind: 'personal_identity_number' },
      ]);
      expect(JSON.stringify(reference.body)).not.toContain('9874');
      const note = await send('post', `/api/v1/cases/${caseId}/steps/report/complete`, social.users.caseworker.token, {
        outcomeCode: 'reported',
        note: 'Ring 070-123 45 67',
      });
      expect(note.status).toBe(422);
      expect(note.body.errors).toEqual([{ field: 'note', code: 'personal_data', kind: 'phone' }]);
    });
  });
});
