import { OrganizationType } from '../../src/organizations/organization-type';
import type { RoutineDocument } from '../../src/routines/routine-document';
import { bearer, createOrganization, FixtureOrganization } from '../support/fixtures';
import { routineDefinition, routineStep } from '../support/routine-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface Problem {
  code: string;
  errors: { field: string; code: string }[];
}

const { SocialServices, Police } = OrganizationType;

const conditional = () =>
  routineDefinition(
    [
      routineStep('risk_assessment', SocialServices, {
        dueFrom: 'case_start',
        outcomeCodes: ['assessed'],
        assessment: { methods: ['sara_sv', 'b_safer'] },
      }),
      routineStep('risk_conference', Police, {
        dependsOn: ['risk_assessment'],
        when: [{ step: 'risk_assessment', levelIn: ['high'] }],
      }),
    ],
    { period: 'stockholm-2020-2026', goals: [2], measures: ['2.1'] },
  );

const withoutProvenance = ({ routine, format }: RoutineDocument) => ({ routine, format });

describe('routine documents v2: conditions, assessments and the strategy period', () => {
  let t: TestApp;
  let owner: FixtureOrganization;
  let other: FixtureOrganization;

  const importAs = (token: string, document: unknown) =>
    t.http
      .post('/api/v1/routines/import')
      .set(bearer(token))
      .send(document as object);
  const exportOf = async (id: string, token: string) => {
    const response = await t.http.get(`/api/v1/routines/${id}/export`).set(bearer(token));
    expect(response.status).toBe(200);
    return response.body as RoutineDocument;
  };

  beforeAll(async () => {
    t = await startTestApp();
    owner = await createOrganization(t.app, SocialServices, '0190');
    other = await createOrganization(t.app, SocialServices, '0190');
  });
  afterAll(() => t.close());

  it('serves the v2 JSON Schema publicly, with conditions and assessments', async () => {
    const response = await t.http.get('/api/v1/schemas/routine-v2.json');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/schema\+json/);
    const schema = JSON.parse(response.text) as { properties: unknown; $defs: Record<string, unknown> };
    expect(schema.properties).toMatchObject({ format: { const: 'samverkan.routine/v2' } });
    expect(Object.keys(schema.$defs)).toEqual(expect.arrayContaining(['condition', 'step', 'routine']));
  });

  it('round-trips export → import → export of a conditional routine, checksum included', async () => {
    const created = await t.http
      .post('/api/v1/routines')
      .set(bearer(owner.users.coordinator.token))
      .send(conditional());
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    await t.http.post(`/api/v1/routines/${id}/publish`).set(bearer(owner.users.coordinator.token)).expect(201);
    const first = await exportOf(id, other.users.coordinator.token);
    expect(first.format).toBe('samverkan.routine/v2');
    expect(first.routine).toEqual(conditional());

    const imported = await importAs(other.users.coordinator.token, first);
    expect(imported.status).toBe(201);
    const copy = (imported.body as { id: string }).id;
    const published = await t.http.post(`/api/v1/routines/${copy}/publish`).set(bearer(other.users.coordinator.token));
    expect((published.body as { published: { checksum: string } }).published.checksum).toBe(first.source.checksum);
    expect(withoutProvenance(await exportOf(copy, owner.users.caseworker.token))).toEqual(withoutProvenance(first));
  });

  it('still imports a v1 document, and refuses v2 parts in one, naming the fields', async () => {
    const { period, ...v1Routine } = conditional();
    expect(period).toBe('stockholm-2020-2026');
    const plain = {
      ...v1Routine,
      steps: v1Routine.steps.map(({ when: _when, assessment: _assessment, ...step }) => step),
    };
    const v1 = await importAs(owner.users.coordinator.token, { format: 'samverkan.routine/v1', routine: plain });
    expect(v1.status).toBe(201);
    const mixed = await importAs(owner.users.coordinator.token, {
      format: 'samverkan.routine/v1',
      routine: v1Routine,
    });
    expect(mixed.status).toBe(422);
    expect((mixed.body as Problem).errors).toEqual([
      { field: 'routine.steps[0].assessment', code: 'not_in_v1' },
      { field: 'routine.steps[1].when', code: 'not_in_v1' },
    ]);
  });

  it('answers 422 naming the field for a v2 document with a condition on a later step, or an unknown period', async () => {
    const document = { format: 'samverkan.routine/v2', routine: conditional() };
    const backwards = JSON.parse(JSON.stringify(document)) as { routine: ReturnType<typeof conditional> };
    backwards.routine.steps[0].when = [{ step: 'risk_conference', outcomeIn: ['done'] }];
    const response = await importAs(owner.users.coordinator.token, backwards);
    expect(response.status).toBe(422);
    expect((response.body as Problem).errors).toEqual([
      expect.objectContaining({ field: 'routine.steps[0].when[0].step', code: 'condition_not_ancestor' }),
    ]);
    const unknown = await importAs(owner.users.coordinator.token, {
      ...document,
      routine: { ...document.routine, period: 'stockholm-2040-2046' },
    });
    expect(unknown.status).toBe(422);
    expect((unknown.body as Problem).errors).toEqual([
      expect.objectContaining({ field: 'routine.period', code: 'unknown_period' }),
    ]);
  });
});
