import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization } from '../support/fixtures';
import { routineDefinition, routineStep } from '../support/routine-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface Problem {
  code: string;
  errors: { field: string; code: string }[];
}

const text = (sv: string, en: string) => ({ sv, en });
const NEXT = 'stockholm-2027-2032';

/** The next period: goal 3 takes over structured collaboration in individual cases (2.4 and 4.4 of 2020–2026). */
const nextPeriod = () => ({
  code: NEXT,
  title: text('Strategi för att förebygga och bekämpa våld i Stockholms län 2027–2032', 'Strategy 2027–2032'),
  validFrom: '2027-01-01',
  validTo: '2032-12-31',
  previousPeriod: 'stockholm-2020-2026',
  goals: [
    {
      number: 1,
      title: text('Våldsutövare får återfallsförebyggande insatser.', 'Perpetrators receive relapse prevention.'),
      measures: [{ code: '1.1', text: text('Standardiserade bedömningsmetoder.', 'Standardised assessment methods.') }],
    },
    {
      number: 3,
      title: text('Myndigheter samverkar i enskilda ärenden.', 'Authorities collaborate in individual cases.'),
      measures: [
        { code: '3.1', text: text('Strukturerad samverkan i enskilda ärenden.', 'Structured collaboration.') },
      ],
    },
  ],
  measureMapping: { '2.1': ['1.1'], '2.4': ['3.1'], '4.4': ['3.1'] },
});

describe('strategy periods: a second period, the goals in force and re-linked routines', () => {
  let t: TestApp;
  let social: FixtureOrganization;
  let police: FixtureOrganization;

  const post = (token: string, body: unknown) =>
    t.http
      .post('/api/v1/strategy-periods')
      .set(bearer(token))
      .send(body as object);

  beforeAll(async () => {
    t = await startTestApp();
    social = await createOrganization(t.app, OrganizationType.SocialServices, '0191', [
      Role.Admin,
      Role.Coordinator,
      Role.Caseworker,
      Role.Manager,
    ]);
    police = await createOrganization(t.app, OrganizationType.Police, '0191');
  });
  afterAll(() => t.close());

  it('refuses other roles, bad documents (naming the field) and personal data, writing nothing', async () => {
    expect((await post(social.users.coordinator.token, nextPeriod())).status).toBe(403);
    const overlapping = await post(social.users.admin.token, { ...nextPeriod(), validFrom: '2026-06-01' });
    expect(overlapping.status).toBe(422);
    expect((overlapping.body as Problem).errors).toEqual([
      expect.objectContaining({ field: 'validFrom', code: 'overlapping_period' }),
    ]);
    const mapping = await post(social.users.admin.token, { ...nextPeriod(), measureMapping: { '2.4': ['9.1'] } });
    expect((mapping.body as Problem).errors).toEqual([
      expect.objectContaining({ field: 'measureMapping.2.4[0]', code: 'unknown_measure' }),
    ]);
    const personal = await post(social.users.admin.token, {
      ...nextPeriod(),
      title: text('Kontakt: samordnare@lansstyrelsen.se', 'Contact'),
    });
    expect(personal.status).toBe(422);
    expect(JSON.stringify(personal.body)).not.toContain('samordnare@');
    expect((await post(social.users.admin.token, { ...nextPeriod(), extra: 1 })).status).toBe(400);
    const periods = await t.http.get('/api/v1/strategy-periods').set(bearer(police.users.caseworker.token));
    expect((periods.body as { items: { code: string }[] }).items.map((p) => p.code)).not.toContain(NEXT);
  });

  it('serves the JSON Schema of the document publicly', async () => {
    const response = await t.http.get('/api/v1/strategy-periods/schema.json');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({ required: ['code', 'title', 'validFrom', 'validTo', 'goals'] });
  });

  describe('with the next period loaded', () => {
    let routineId: string;

    beforeAll(async () => {
      const created = await post(social.users.admin.token, nextPeriod());
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ code: NEXT, previousPeriod: 'stockholm-2020-2026', inForce: false });
      const routine = await t.http
        .post('/api/v1/routines')
        .set(bearer(social.users.coordinator.token))
        .send(
          routineDefinition(
            [routineStep('first_contact', OrganizationType.SocialServices, { dueFrom: 'case_start' })],
            {
              goals: [2, 4],
              measures: ['2.4', '4.4', '2.3'],
            },
          ),
        );
      expect(routine.status).toBe(201);
      routineId = (routine.body as { id: string }).id;
      await t.http
        .post(`/api/v1/routines/${routineId}/publish`)
        .set(bearer(social.users.coordinator.token))
        .expect(201);
    });

    it('is audited, refused a second time, and listed', async () => {
      const [event] = await t.dataSource.query<{ data: Record<string, unknown> }[]>(
        `SELECT data FROM audit_event WHERE action = 'strategy_period.created' AND entity_id = $1`,
        [NEXT],
      );
      expect(event.data).toMatchObject({ code: NEXT, goals: [1, 3], measureMapping: { '2.4': ['3.1'] } });
      const again = await post(social.users.admin.token, nextPeriod());
      expect(again.status).toBe(409);
      expect((again.body as Problem).code).toBe('strategy_period.duplicate');
    });

    it('leaves GET /goals on the period in force by date, and serves the next one with ?period=', async () => {
      const current = await t.http.get('/api/v1/goals').set(bearer(police.users.caseworker.token));
      expect(current.body).toMatchObject({ period: 'stockholm-2020-2026' });
      expect((current.body as { items: unknown[] }).items).toHaveLength(8);
      const next = await t.http.get(`/api/v1/goals?period=${NEXT}`).set(bearer(police.users.caseworker.token));
      expect(next.body).toMatchObject({
        period: NEXT,
        items: [
          { number: 1, measures: [{ code: '1.1' }] },
          { number: 3, measures: [{ code: '3.1' }] },
        ],
      });
      const goal = await t.http.get(`/api/v1/goals/3?period=${NEXT}`).set(bearer(police.users.caseworker.token));
      expect(goal.body).toMatchObject({ number: 3 });
      expect(
        (await t.http.get('/api/v1/goals?period=nowhere-1').set(bearer(police.users.caseworker.token))).status,
      ).toBe(404);
    });

    it('offers the mapping as the suggested re-link, and a new version links to the new period', async () => {
      const suggestion = await t.http
        .get(`/api/v1/routines/${routineId}/period-relink?period=${NEXT}`)
        .set(bearer(police.users.caseworker.token));
      expect(suggestion.status).toBe(200);
      expect(suggestion.body).toEqual({
        fromPeriod: 'stockholm-2020-2026',
        toPeriod: NEXT,
        measures: ['3.1'],
        goals: [3],
        unmapped: ['2.3'],
      });
      const token = social.users.coordinator.token;
      const stale = await t.http.patch(`/api/v1/routines/${routineId}`).set(bearer(token)).send({ period: NEXT });
      expect(stale.status).toBe(422);
      expect((stale.body as Problem).errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'goals[0]', code: 'unknown_goal' })]),
      );
      const { measures, goals } = suggestion.body as { measures: string[]; goals: number[] };
      const relinked = await t.http
        .patch(`/api/v1/routines/${routineId}`)
        .set(bearer(token))
        .send({ period: NEXT, goals, measures });
      expect(relinked.status).toBe(200);
      await t.http.post(`/api/v1/routines/${routineId}/publish`).set(bearer(token)).expect(201);
      const version = async (n: number) =>
        (
          (await t.http.get(`/api/v1/routines/${routineId}/versions/${n}`).set(bearer(token))).body as {
            definition: { period?: string; goals: number[]; measures: string[] };
          }
        ).definition;
      expect(await version(1)).toMatchObject({ goals: [2, 4], measures: ['2.4', '4.4', '2.3'] });
      expect((await version(1)).period).toBeUndefined();
      expect(await version(2)).toMatchObject({ period: NEXT, goals: [3], measures: ['3.1'] });
      const again = await t.http.get(`/api/v1/routines/${routineId}/period-relink?period=${NEXT}`).set(bearer(token));
      expect(again.status).toBe(422);
      expect((again.body as Problem).errors).toEqual([
        expect.objectContaining({ field: 'period', code: 'not_a_successor' }),
      ]);
    });

    it('names the period the adoption indicator counts in', async () => {
      const report = (asOf: string) =>
        t.http.get(`/api/v1/reports/collaboration-agreements?asOf=${asOf}`).set(bearer(social.users.manager.token));
      expect((await report('2026-11-30')).body).toMatchObject({ period: 'stockholm-2020-2026' });
      expect((await report('2027-03-01')).body).toMatchObject({ period: NEXT });
    });
  });
});
