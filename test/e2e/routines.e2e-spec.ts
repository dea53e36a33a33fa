import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const step = (key: string, overrides: Record<string, unknown> = {}) => ({
  key,
  title: `Steg ${key}`,
  responsibleOrganizationType: 'social_services',
  dependsOn: [],
  dueAfter: 'P5D',
  dueFrom: 'case_start',
  outcomeCodes: ['done'],
  ...overrides,
});

const routineBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Samverkan vid våld i nära relation',
  description: 'Rutin för strukturerad samverkan i enskilda ärenden.',
  goals: [2, 4],
  measures: ['2.4', '4.4'],
  steps: [
    step('intake', { workingDays: true, dueAfter: 'P3D', remindBefore: 'P1D' }),
    step('police_contact', {
      responsibleOrganizationType: 'police',
      dependsOn: ['intake'],
      dueFrom: 'dependencies_done',
      outcomeCodes: ['contacted', 'not_reached'],
    }),
  ],
  ...overrides,
});

describe('routines', () => {
  let t: TestApp;
  let owner: FixtureOrganization;
  let other: FixtureOrganization;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await createOrganization(t.app, OrganizationType.SocialServices, '0181', [
      Role.Coordinator,
      Role.Caseworker,
      Role.Manager,
      Role.Auditor,
      Role.Admin,
    ]);
    other = await createOrganization(t.app, OrganizationType.Police, '0181', [
      Role.Coordinator,
      Role.Caseworker,
      Role.Admin,
    ]);
  });
  afterAll(() => t.close());

  const create = (body: unknown, token = owner.users.coordinator.token) =>
    t.http
      .post('/api/v1/routines')
      .set(bearer(token))
      .send(body as object);
  const auditActions = async (id: string) =>
    await t.dataSource.query<
      {
        action: string;
        data: Record<string, unknown>;
      }[]
    >(`SELECT action, data FROM audit_event WHERE entity_type = 'routine' AND entity_id = $1 ORDER BY sequence`, [id]);

  describe('lifecycle', () => {
    it('goes draft → v1 → edit → v2 and leaves v1 unchanged', async () => {
      const created = await create(routineBody());
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({
        ownerOrganizationId: owner.id,
        latestVersion: null,
        published: null,
        retiredAt: null,
      });
      expect(created.body.draft.steps[0]).toEqual({
        key: 'intake',
        title: 'Steg intake',
        responsibleOrganizationType: 'social_services',
        dependsOn: [],
        dueAfter: 'P3D',
        dueFrom: 'case_start',
        workingDays: true,
        remindBefore: 'P1D',
        escalateAfter: null,
        outcomeCodes: ['done'],
      });

      const v1 = await t.http.post(`/api/v1/routines/${id}/publish`).set(bearer(owner.users.coordinator.token));
      expect(v1.status).toBe(201);
      expect(v1.body).toMatchObject({ latestVersion: 1, draft: null, published: { version: 1 } });
      expect(v1.body.published.checksum).toMatch(/^[0-9a-f]{64}$/);
      const v1Body = (await t.http.get(`/api/v1/routines/${id}/versions/1`).set(bearer(other.users.caseworker.token)))
        .body;

      const edited = await t.http
        .patch(`/api/v1/routines/${id}`)
        .set(bearer(owner.users.coordinator.token))
        .send({
          title: 'Samverkan vid våld i nära relation, reviderad',
          steps: [
            ...routineBody().steps,
            step('follow_up', { dependsOn: ['police_contact'], dueFrom: 'dependencies_done', dueAfter: 'P1M' }),
          ],
        });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({
        latestVersion: 1,
        title: 'Samverkan vid våld i nära relation, reviderad',
        published: { version: 1 },
      });
      expect(edited.body.draft.steps).toHaveLength(3);
      expect(edited.body.draft.goals).toEqual([2, 4]);

      const v2 = await t.http.post(`/api/v1/routines/${id}/publish`).set(bearer(owner.users.admin.token));
      expect(v2.status).toBe(201);
      expect(v2.body.published.version).toBe(2);
      expect(v2.body.published.checksum).not.toBe(v1.body.published.checksum);

      const v1Again = await t.http.get(`/api/v1/routines/${id}/versions/1`).set(bearer(owner.users.manager.token));
      expect(v1Again.body).toEqual(v1Body);
      expect(v1Again.body.definition.steps).toHaveLength(2);
      expect(v1Again.body.definition.title).toBe('Samverkan vid våld i nära relation');

      const versions = await t.http
        .get(`/api/v1/routines/${id}/versions?limit=1`)
        .set(bearer(owner.users.auditor.token));
      expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1]);
      const page2 = await t.http
        .get(`/api/v1/routines/${id}/versions?limit=1&cursor=${versions.body.nextCursor}`)
        .set(bearer(owner.users.auditor.token));
      expect(page2.body).toMatchObject({ items: [{ version: 2 }], nextCursor: null });

      expect((await auditActions(id)).map((e) => e.action)).toEqual([
        'routine.created',
        'routine.published',
        'routine.updated',
        'routine.published',
      ]);
      const [, published] = await auditActions(id);
      expect(published.data).toEqual({
        version: 1,
        checksum: v1.body.published.checksum,
        goals: [2, 4],
        measures: ['2.4', '4.4'],
        stepKeys: ['intake', 'police_contact'],
      });
    });

    it('refuses to change a published version in the database', async () => {
      const id = (await create(routineBody())).body.id as string;
      await t.http.post(`/api/v1/routines/${id}/publish`).set(bearer(owner.users.coordinator.token)).expect(201);
      await expect(
        t.dataSource.query(`UPDATE routine_version SET checksum = repeat('0', 64) WHERE routine_id = $1`, [id]),
      ).rejects.toThrow(/immutable/);
    });

    it('answers 409 for publishing without a draft or an unchanged draft, and for changing a retired routine', async () => {
      const id = (await create(routineBody())).body.id as string;
      const token = owner.users.coordinator.token;
      await t.http.post(`/api/v1/routines/${id}/publish`).set(bearer(token)).expect(201);
      const noDraft = await t.http.post(`/api/v1/routines/${id}/publish`).set(bearer(token));
      expect(noDraft.status).toBe(409);
      expect(noDraft.body.code).toBe('routine.no_draft');

      await t.http.patch(`/api/v1/routines/${id}`).set(bearer(token)).send({ description: null }).expect(200);
      await t.http
        .patch(`/api/v1/routines/${id}`)
        .set(bearer(token))
        .send({ description: 'Rutin för strukturerad samverkan i enskilda ärenden.' })
        .expect(200);
      const unchanged = await t.http.post(`/api/v1/routines/${id}/publish`).set(bearer(token));
      expect(unchanged.status).toBe(409);
      expect(unchanged.body.code).toBe('routine.draft_unchanged');

      const retired = await t.http.post(`/api/v1/routines/${id}/retire`).set(bearer(token));
      expect(retired.status).toBe(200);
      expect(retired.body.retiredAt).not.toBeNull();
      for (const response of [
        await t.http.post(`/api/v1/routines/${id}/retire`).set(bearer(token)),
        await t.http.post(`/api/v1/routines/${id}/publish`).set(bearer(token)),
        await t.http.patch(`/api/v1/routines/${id}`).set(bearer(token)).send({ title: 'Ny titel' }),
      ]) {
        expect(response.status).toBe(409);
        expect(response.body.code).toBe('routine.retired');
      }
      expect((await auditActions(id)).map((e) => e.action)).toContain('routine.retired');
    });
  });

  describe('validation', () => {
    const expectRule = async (body: unknown, field: string, code: string, extra: Record<string, unknown> = {}) => {
      const response = await create(body);
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('routine.invalid');
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field, code, ...extra }));
    };

    it('requires at least one step', () => expectRule(routineBody({ steps: [] }), 'steps', 'no_steps'));
    it('requires unique step keys', () =>
      expectRule(routineBody({ steps: [step('intake'), step('intake')] }), 'steps[1].key', 'duplicate_key', {
        stepKey: 'intake',
      }));
    it('requires the key format', () =>
      expectRule(routineBody({ steps: [step('Intake')] }), 'steps[0].key', 'invalid_key', { stepKey: 'Intake' }));
    it('requires known dependsOn keys', () =>
      expectRule(
        routineBody({ steps: [step('intake'), step('next', { dependsOn: ['intak'] })] }),
        'steps[1].dependsOn',
        'unknown_dependency',
        { stepKey: 'next', dependency: 'intak' },
      ));
    it('names a dependency cycle', () =>
      expectRule(
        routineBody({
          steps: [step('a', { dependsOn: ['c'] }), step('b', { dependsOn: ['a'] }), step('c', { dependsOn: ['b'] })],
        }),
        'steps[0].dependsOn',
        'dependency_cycle',
        { cycle: ['a', 'c', 'b', 'a'] },
      ));
    it('requires goals of the current strategy', () =>
      expectRule(routineBody({ goals: [2, 4, 12] }), 'goals[2]', 'unknown_goal'));
    it('requires measures of the current strategy', () =>
      expectRule(routineBody({ measures: ['2.4', '4.9'] }), 'measures[1]', 'unknown_measure'));
    it('requires each measure to belong to one of the goals', () =>
      expectRule(routineBody({ measures: ['2.4', '4.4', '6.1'] }), 'measures[2]', 'measure_outside_goals', {
        goal: 6,
      }));
    it('requires positive durations', () =>
      expectRule(
        routineBody({ steps: [step('intake', { dueAfter: 'PT0S' })] }),
        'steps[0].dueAfter',
        'non_positive_duration',
      ));
    it('requires ISO 8601 durations', () =>
      expectRule(
        routineBody({ steps: [step('intake', { escalateAfter: '3 dagar' })] }),
        'steps[0].escalateAfter',
        'invalid_duration',
        { stepKey: 'intake' },
      ));
    it('requires the outcome code format', () =>
      expectRule(
        routineBody({ steps: [step('intake', { outcomeCodes: ['Klar'] })] }),
        'steps[0].outcomeCodes[0]',
        'invalid_outcome_code',
      ));
    it('requires dependencies for a step due from them', () =>
      expectRule(
        routineBody({ steps: [step('intake', { dueFrom: 'dependencies_done' })] }),
        'steps[0].dueFrom',
        'no_dependencies',
      ));

    it('validates an edit as the whole new draft', async () => {
      const id = (await create(routineBody())).body.id as string;
      const response = await t.http
        .patch(`/api/v1/routines/${id}`)
        .set(bearer(owner.users.coordinator.token))
        .send({ goals: [4] });
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: 'measures[0]', code: 'measure_outside_goals' }),
      ]);
    });

    it.each([
      ['a wrong type', routineBody({ goals: ['två'] })],
      ['an unknown property', routineBody({ owner: 'someone' })],
      ['an unknown step property', routineBody({ steps: [{ ...step('intake'), colour: 'red' }] })],
      ['a step that is not an object', routineBody({ steps: ['intake'] })],
      [
        'a wrong organisation type in a step',
        routineBody({ steps: [step('intake', { responsibleOrganizationType: 'church' })] }),
      ],
      ['a missing title', { ...routineBody(), title: undefined }],
    ])('answers 400 for %s', async (_, body) => {
      const response = await create(body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation');
    });

    it('answers 422 naming the field for personal data in free text', async () => {
      const response = await create(
        routineBody({ steps: [step('intake', { title: 'Ring 070-123 45 67 vid frågor' })] }),
      );
      expect(response.status).toBe(422);
      expect(response.body.errors).toContainEqual(
        expect.objectContaining({ field: 'steps[0].title', code: 'personal_data' }),
      );
    });
  });

  describe('visibility and permissions', () => {
    let draftId: string;
    let publishedId: string;

    beforeAll(async () => {
      draftId = (await create(routineBody({ title: 'Utkast som bara ägaren ser' }))).body.id;
      publishedId = (await create(routineBody({ title: 'Publicerad rutin' }))).body.id;
      await t.http
        .post(`/api/v1/routines/${publishedId}/publish`)
        .set(bearer(owner.users.coordinator.token))
        .expect(201);
      await t.http
        .patch(`/api/v1/routines/${publishedId}`)
        .set(bearer(owner.users.coordinator.token))
        .send({ title: 'Publicerad rutin, nytt utkast' })
        .expect(200);
    });

    it('shows drafts to the owner organisation only', async () => {
      await t.http.get(`/api/v1/routines/${draftId}`).set(bearer(owner.users.caseworker.token)).expect(200);
      for (const path of [
        `/api/v1/routines/${draftId}`,
        `/api/v1/routines/${draftId}/versions`,
        `/api/v1/routines/${draftId}/export`,
      ]) {
        const response = await t.http.get(path).set(bearer(other.users.admin.token));
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('routine.not_found');
      }
      const published = await t.http.get(`/api/v1/routines/${publishedId}`).set(bearer(other.users.caseworker.token));
      expect(published.status).toBe(200);
      expect(published.body).toMatchObject({ title: 'Publicerad rutin', draft: null, published: { version: 1 } });
      const own = await t.http.get(`/api/v1/routines/${publishedId}`).set(bearer(owner.users.manager.token));
      expect(own.body).toMatchObject({
        title: 'Publicerad rutin, nytt utkast',
        draft: { title: 'Publicerad rutin, nytt utkast' },
      });
    });

    it('lists published routines of all organisations and own drafts, with filters', async () => {
      const listIds = async (token: string, query = '') => {
        const ids: string[] = [];
        let cursor: string | null = null;
        do {
          const response: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } =
            await t.http.get(`/api/v1/routines?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`).set(bearer(token));
          expect(response.status).toBe(200);
          ids.push(...response.body.items.map((r) => r.id));
          cursor = response.body.nextCursor;
        } while (cursor);
        return ids;
      };
      const byOwner = `&ownerOrganizationId=${owner.id}`;
      expect(await listIds(other.users.caseworker.token, byOwner)).toContain(publishedId);
      expect(await listIds(other.users.caseworker.token, byOwner)).not.toContain(draftId);
      expect(await listIds(owner.users.caseworker.token, byOwner)).toEqual(
        expect.arrayContaining([publishedId, draftId]),
      );
      expect(await listIds(owner.users.caseworker.token, `${byOwner}&goal=4`)).toEqual(
        expect.arrayContaining([publishedId, draftId]),
      );
      expect(await listIds(owner.users.caseworker.token, `${byOwner}&goal=6`)).toEqual([]);
      expect(await listIds(owner.users.caseworker.token, `${byOwner}&measure=2.4&retired=false`)).toContain(
        publishedId,
      );
      expect(await listIds(owner.users.caseworker.token, `${byOwner}&retired=true`)).not.toContain(publishedId);
      await t.http.get('/api/v1/routines?goal=x').set(bearer(owner.users.caseworker.token)).expect(400);
    });

    it('lets only coordinators and admins of the owner organisation change a routine', async () => {
      const writes = (id: string) => [
        { method: 'patch' as const, path: `/api/v1/routines/${id}`, body: { title: 'Ändrad' } },
        { method: 'post' as const, path: `/api/v1/routines/${id}/publish`, body: {} },
        { method: 'post' as const, path: `/api/v1/routines/${id}/retire`, body: {} },
      ];
      for (const { method, path, body } of writes(publishedId)) {
        for (const role of [Role.Caseworker, Role.Manager, Role.Auditor]) {
          expect((await t.http[method](path).set(bearer(owner.users[role].token)).send(body)).status).toBe(403);
        }
        expect((await t.http[method](path).send(body)).status).toBe(401);
        const foreign = await t.http[method](path).set(bearer(other.users.coordinator.token)).send(body);
        expect(foreign.status).toBe(403);
        expect(foreign.body.code).toBe('routine.not_owner');
      }
      for (const { method, path, body } of writes(draftId)) {
        expect((await t.http[method](path).set(bearer(other.users.admin.token)).send(body)).status).toBe(404);
      }
      for (const role of [Role.Caseworker, Role.Manager, Role.Auditor]) {
        expect((await create(routineBody(), owner.users[role].token)).status).toBe(403);
        expect(
          (await t.http.post('/api/v1/routines/import').set(bearer(owner.users[role].token)).send({})).status,
        ).toBe(403);
      }
      expect((await t.http.post('/api/v1/routines').send(routineBody())).status).toBe(401);
      for (const path of [
        '/api/v1/routines',
        `/api/v1/routines/${publishedId}`,
        `/api/v1/routines/${publishedId}/versions`,
        `/api/v1/routines/${publishedId}/versions/1`,
        `/api/v1/routines/${publishedId}/export`,
      ]) {
        expect((await t.http.get(path)).status).toBe(401);
      }
      expect(
        (await t.http.get(`/api/v1/routines/${publishedId}/versions/7`).set(bearer(other.users.caseworker.token)))
          .status,
      ).toBe(404);
    });
  });
});
