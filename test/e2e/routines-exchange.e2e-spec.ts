import { Role } from '../../src/common/auth/role';
import { seedRoutines } from '../../src/cli/seed-routines';
import { OrganizationType } from '../../src/organizations/organization-type';
import { loadRoutineLibrary, ROUTINE_LIBRARY } from '../../src/routines/routine-library';
import { bearer, createOrganization, FixtureOrganization } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-services';

const definition = {
  title: 'Samordnad kontakt med kvinnojour',
  description: null,
  goals: [2, 4],
  measures: ['4.4'],
  steps: [
    {
      key: 'first_contact',
      title: 'Första kontakt',
      responsibleOrganizationType: 'social_services',
      dependsOn: [],
      dueAfter: 'P2D',
      dueFrom: 'case_start',
      workingDays: true,
      remindBefore: 'P1D',
      escalateAfter: null,
      outcomeCodes: ['reached', 'not_reached'],
    },
    {
      key: 'shelter_meeting',
      title: 'Möte med kvinnojouren',
      responsibleOrganizationType: 'womens_shelter',
      dependsOn: ['first_contact'],
      dueAfter: 'PT48H',
      dueFrom: 'dependencies_done',
      workingDays: false,
      remindBefore: null,
      escalateAfter: 'PT12H',
      outcomeCodes: ['held'],
    },
  ],
};

/** An export without its provenance: what must survive a round trip unchanged. */
const withoutProvenance = ({ exportedAt, source, ...rest }: { exportedAt: string; source: unknown }) => {
  expect(typeof exportedAt).toBe('string');
  expect(source).toBeDefined();
  return rest;
};

describe('routine export, import and the starter library', () => {
  let t: TestApp;
  let owner: FixtureOrganization;
  let other: FixtureOrganization;
  let routineId: string;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await createOrganization(t.app, OrganizationType.SocialServices, '0182');
    other = await createOrganization(t.app, OrganizationType.WomensShelter, '0182');
    routineId = (
      await t.http.post('/api/v1/routines').set(bearer(owner.users.coordinator.token)).send(definition).expect(201)
    ).body.id;
    await t.http.post(`/api/v1/routines/${routineId}/publish`).set(bearer(owner.users.coordinator.token)).expect(201);
  });
  afterAll(() => t.close());

  const exportOf = async (id: string, token: string, query = '') => {
    const response = await t.http.get(`/api/v1/routines/${id}/export${query}`).set(bearer(token));
    expect(response.status).toBe(200);
    return response.body;
  };
  const importAs = (token: string, document: unknown) =>
    t.http
      .post('/api/v1/routines/import')
      .set(bearer(token))
      .send(document as object);

  it('serves the JSON Schema publicly and to signed-in users', async () => {
    for (const request of [
      t.http.get('/api/v1/schemas/routine-v1.json'),
      t.http.get('/api/v1/schemas/routine-v1.json').set(bearer(other.users.caseworker.token)),
    ]) {
      const response = await request;
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/schema\+json/);
      expect(JSON.parse(response.text)).toMatchObject({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        properties: { format: { const: 'samverkan.routine/v1' } },
      });
    }
  });

  it('exports a self-describing document of the published version', async () => {
    const document = await exportOf(routineId, other.users.caseworker.token);
    const published = (
      await t.http.get(`/api/v1/routines/${routineId}/versions/1`).set(bearer(owner.users.manager.token))
    ).body;
    expect(document).toEqual({
      format: 'samverkan.routine/v2',
      exportedAt: expect.any(String),
      source: { routineId, ownerOrganizationId: owner.id, version: 1, checksum: published.checksum },
      routine: definition,
    });
  });

  it('round-trips export → import → export, and an unchanged routine keeps its checksum', async () => {
    const first = await exportOf(routineId, other.users.coordinator.token);
    const imported = await importAs(other.users.coordinator.token, first);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ ownerOrganizationId: other.id, latestVersion: null, draft: definition });

    const second = await exportOf(imported.body.id, other.users.coordinator.token);
    expect(second.source).toEqual({
      routineId: imported.body.id,
      ownerOrganizationId: other.id,
      version: null,
      checksum: null,
    });
    expect(withoutProvenance(second)).toEqual(withoutProvenance(first));

    const published = await t.http
      .post(`/api/v1/routines/${imported.body.id}/publish`)
      .set(bearer(other.users.coordinator.token));
    expect(published.body.published.checksum).toBe(first.source.checksum);
    expect(withoutProvenance(await exportOf(imported.body.id, owner.users.caseworker.token))).toEqual(
      withoutProvenance(first),
    );

    const [audit] = await t.dataSource.query<
      {
        action: string;
        data: Record<string, unknown>;
      }[]
    >(`SELECT action, data FROM audit_event WHERE entity_id = $1 ORDER BY sequence LIMIT 1`, [imported.body.id]);
    expect(audit).toEqual({
      action: 'routine.imported',
      data: {
        sourceRoutineId: routineId,
        sourceVersion: 1,
        sourceChecksum: first.source.checksum,
        goals: [2, 4],
        measures: ['4.4'],
        stepKeys: ['first_contact', 'shelter_meeting'],
      },
    });
  });

  it('exports a chosen version, and 404 for one that does not exist', async () => {
    await t.http
      .patch(`/api/v1/routines/${routineId}`)
      .set(bearer(owner.users.coordinator.token))
      .send({ measures: ['2.4', '4.4'] })
      .expect(200);
    await t.http.post(`/api/v1/routines/${routineId}/publish`).set(bearer(owner.users.coordinator.token)).expect(201);
    expect((await exportOf(routineId, owner.users.auditor.token)).routine.measures).toEqual(['2.4', '4.4']);
    expect((await exportOf(routineId, owner.users.auditor.token, '?version=1')).routine.measures).toEqual(['4.4']);
    const missing = await t.http
      .get(`/api/v1/routines/${routineId}/export?version=3`)
      .set(bearer(owner.users.auditor.token));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('routine_version.not_found');
  });

  it('validates an imported document: schema 400, rules 422 naming the field, checksum 422', async () => {
    const document = await exportOf(routineId, other.users.coordinator.token, '?version=1');
    const token = other.users.coordinator.token;
    for (const invalid of [
      { ...document, format: 'samverkan.routine/v3' },
      { ...document, extra: 1 },
      { format: document.format },
      { ...document, routine: { ...document.routine, steps: [{ ...document.routine.steps[0], colour: 'red' }] } },
    ]) {
      const response = await importAs(token, invalid);
      expect(response.status).toBe(400);
    }
    const cyclic = {
      format: document.format,
      routine: {
        ...definition,
        steps: [{ ...definition.steps[0], dependsOn: ['shelter_meeting'] }, definition.steps[1]],
      },
    };
    const rule = await importAs(token, cyclic);
    expect(rule.status).toBe(422);
    expect(rule.body.errors).toEqual([
      expect.objectContaining({
        field: 'routine.steps[0].dependsOn',
        code: 'dependency_cycle',
        cycle: ['first_contact', 'shelter_meeting', 'first_contact'],
      }),
    ]);

    const tampered = await importAs(token, { ...document, routine: { ...document.routine, title: 'Annan titel' } });
    expect(tampered.status).toBe(422);
    expect(tampered.body.errors).toEqual([{ field: 'source.checksum', code: 'checksum_mismatch' }]);
    const leaky = await importAs(token, {
      format: document.format,
      routine: { ...definition, description: 'Kontakt: 19121212-1212' },
    });
    expect(leaky.status).toBe(422);
    expect(leaky.body.errors).toContainEqual(
      expect.objectContaining({ field: 'routine.description', code: 'personal_data' }),
    );
  });

  it('loads the starter library once per organisation and publishes it', async () => {
    const first = await loadRoutineLibrary(t.dataSource, { organizationId: owner.id });
    expect(first.published).toHaveLength(ROUTINE_LIBRARY.length);
    expect(first.skipped).toEqual([]);
    expect(first.published.every((routine) => routine.version === 1)).toBe(true);
    const again = await loadRoutineLibrary(t.dataSource, {
      organizationId: owner.id,
      userId: owner.users.coordinator.id,
    });
    expect(again).toEqual({ published: [], skipped: first.published.map((routine) => routine.title) });

    for (const [index, routine] of first.published.entries()) {
      const exported = await exportOf(routine.routineId, other.users.caseworker.token);
      const library = ROUTINE_LIBRARY[index] as { routine: unknown };
      expect(exported.routine).toEqual(library.routine);
    }
    await expect(
      loadRoutineLibrary(t.dataSource, { organizationId: owner.id, userId: owner.users.manager.id }),
    ).rejects.toThrow(/No active coordinator or admin/);
  });

  it('leaves nothing behind when a publication fails (import and publish are one transaction); a rerun publishes it, and skips a draft a user imported', async () => {
    const target = await createOrganization(t.app, OrganizationType.SocialServices, '0182', [Role.Coordinator]);
    const [first, second] = ROUTINE_LIBRARY as { routine: { title: string } }[];
    const ownDraft = await importAs(target.users.coordinator.token, second);
    expect(ownDraft.status).toBe(201);

    // The first publication fails: its import must roll back with it.
    const fn = `refuse_publish_${target.id.replace(/-/g, '_')}`;
    await t.dataSource.query(
      `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
         IF EXISTS (SELECT 1 FROM routine WHERE id = NEW.routine_id AND owner_organization_id = '${target.id}') THEN RAISE EXCEPTION 'publish refused'; END IF;
         RETURN NEW; END $$`,
    );
    try {
      await t.dataSource.query(
        `CREATE TRIGGER ${fn} BEFORE INSERT ON routine_version FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
      );
      await expect(loadRoutineLibrary(t.dataSource, { organizationId: target.id })).rejects.toThrow('publish refused');
    } finally {
      await t.dataSource.query(`DROP TRIGGER IF EXISTS ${fn} ON routine_version`);
      await t.dataSource.query(`DROP FUNCTION IF EXISTS ${fn}()`);
    }
    const afterFailure = await t.dataSource.query<
      {
        title: string;
      }[]
    >(`SELECT draft ->> 'title' AS title FROM routine WHERE owner_organization_id = $1`, [target.id]);
    expect(afterFailure).toEqual([{ title: second.routine.title }]);

    const result = await loadRoutineLibrary(t.dataSource, { organizationId: target.id });
    expect(result.published).toContainEqual({ routineId: expect.any(String), title: first.routine.title, version: 1 });
    expect(result.published).toHaveLength(ROUTINE_LIBRARY.length - 1);
    expect(result.skipped).toEqual([second.routine.title]);
    const stillDraft = await t.http
      .get(`/api/v1/routines/${ownDraft.body.id}`)
      .set(bearer(target.users.coordinator.token));
    expect(stillDraft.body).toMatchObject({ latestVersion: null });
    const routines = await t.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM routine WHERE owner_organization_id = $1`,
      [target.id],
    );
    expect(routines[0].count).toBe(ROUTINE_LIBRARY.length);
  });

  it('seeds the library from the command line into a named organisation', async () => {
    const target = await createOrganization(t.app, OrganizationType.SocialServices, '0182', [Role.Coordinator]);
    const env = {
      DATABASE_URL: process.env.SAMVERKAN_TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      JWT_SECRET: 'cli-test-jwt-secret-that-is-long-enough-0',
      REFERENCE_HMAC_KEY: 'cli-test-reference-key-that-is-long-enough',
      MIGRATIONS_RUN: 'false',
    };
    const result = await seedRoutines(env, [`--organization=${target.id}`]);
    expect(result.published).toHaveLength(ROUTINE_LIBRARY.length);
    const listed = await t.http
      .get(`/api/v1/routines?ownerOrganizationId=${target.id}&limit=50`)
      .set(bearer(owner.users.caseworker.token));
    expect(listed.body.items).toHaveLength(ROUTINE_LIBRARY.length);
    await expect(seedRoutines(env, ['--organization=not-a-uuid'])).rejects.toThrow(/must be a uuid/);
  });
});
