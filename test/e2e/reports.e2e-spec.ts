import { DateTime } from 'luxon';
import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A fixture region: Blekinge (county 10), which no other suite uses. Social services in Olofström (1060), Karlskrona
 * (1080), Ronneby (1081) and Karlshamn (1082); Sölvesborg (1083) has none and is not counted. Dates are relative to
 * `base` (three months ago), the asOf of the hand-computed expectations below.
 */
const today = DateTime.now().setZone('Europe/Stockholm').startOf('day');
const base = today.minus({ months: 3 });
const at = (shift: { months?: number; days?: number }) => base.plus(shift).toISODate() as string;

type Share = Record<string, number>;

describe('reports: collaboration agreements', () => {
  let t: TestApp;
  const ss: Record<string, FixtureOrganization> = {};
  let police: FixtureOrganization;
  let healthcare: FixtureOrganization;
  let shelter: FixtureOrganization;
  let reader: FixtureOrganization;
  const routines: string[] = [];

  const adopt = async (
    org: FixtureOrganization,
    routine: number,
    partners: FixtureOrganization[],
    body: Record<string, unknown>,
  ) => {
    const response = await t.http
      .post('/api/v1/adoptions')
      .set(bearer(org.users.coordinator.token))
      .send({
        routineId: routines[routine],
        version: 1,
        organizationId: org.id,
        partnerOrganizationIds: partners.map((p) => p.id),
        ...body,
      });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const followUp = (org: FixtureOrganization, id: string, performedAt: string) =>
    t.http
      .post(`/api/v1/adoptions/${id}/follow-ups`)
      .set(bearer(org.users.coordinator.token))
      .send({ performedAt, outcomeCode: 'reviewed' })
      .expect(201);

  beforeAll(async () => {
    t = await startTestApp();
    for (const code of ['1060', '1080', '1081', '1082']) {
      ss[code] = await createOrganization(t.app, OrganizationType.SocialServices, code, [Role.Coordinator]);
    }
    police = await createOrganization(t.app, OrganizationType.Police, '1080', [Role.Coordinator]);
    healthcare = await createOrganization(t.app, OrganizationType.Healthcare, '1080', [Role.Coordinator]);
    shelter = await createOrganization(t.app, OrganizationType.WomensShelter, '1081', [Role.Coordinator]);
    await createOrganization(t.app, OrganizationType.Police, '1083', [Role.Coordinator]);
    reader = await createOrganization(t.app, OrganizationType.CountyBoard, '1080', [
      Role.Manager,
      Role.Auditor,
      Role.Coordinator,
      Role.Admin,
      Role.Caseworker,
    ]);
    for (const title of ['Samverkan socialtjänst–polis', 'Samverkan med hälso- och sjukvården']) {
      const id = (
        await t.http
          .post('/api/v1/routines')
          .set(bearer(police.users.coordinator.token))
          .send({
            title,
            goals: [2, 4],
            measures: ['2.4', '4.4'],
            steps: [
              {
                key: 'meeting',
                title: 'Möte',
                responsibleOrganizationType: 'social_services',
                dueAfter: 'P5D',
                dueFrom: 'case_start',
                outcomeCodes: ['held'],
              },
            ],
          })
      ).body.id;
      await t.http.post(`/api/v1/routines/${id}/publish`).set(bearer(police.users.coordinator.token)).expect(201);
      routines.push(id);
    }

    // A: Olofström–police, approved long ago, last followed up 23 months before base: counts.
    const a = await adopt(ss['1060'], 0, [police], {
      status: 'adopted',
      approvedAt: at({ months: -40 }),
      approvedBy: 'management',
    });
    await followUp(ss['1060'], a, at({ months: -30 }));
    await followUp(ss['1060'], a, at({ months: -23 }));
    // B: Karlskrona–police and healthcare, board-approved, last followed up 25 months before base: does not count.
    const b = await adopt(ss['1080'], 0, [police, healthcare], {
      status: 'adopted',
      approvedAt: at({ months: -40 }),
      approvedBy: 'board',
    });
    await followUp(ss['1080'], b, at({ months: -25 }));
    // C: Karlskrona–shelter, recent but approved at unit level only: does not count.
    await adopt(ss['1080'], 1, [shelter], { status: 'adopted', approvedAt: at({ months: -2 }), approvedBy: 'unit' });
    // D: Ronneby–shelter and police, council-approved 9 months before base: counts for both.
    await adopt(ss['1081'], 0, [shelter, police], {
      status: 'adopted',
      approvedAt: at({ months: -9 }),
      approvedBy: 'council',
    });
    // E: Ronneby–healthcare, still being implemented: does not count.
    await adopt(ss['1081'], 1, [healthcare], { status: 'implementing' });
    // F: Karlshamn–healthcare, approved 20 months before base, discontinued today: counts on base, not today.
    const f = await adopt(ss['1082'], 0, [healthcare], {
      status: 'adopted',
      approvedAt: at({ months: -20 }),
      approvedBy: 'management',
    });
    await t.http
      .patch(`/api/v1/adoptions/${f}`)
      .set(bearer(ss['1082'].users.coordinator.token))
      .send({ status: 'discontinued' })
      .expect(200);
    // G: Karlshamn–police, approved 10 days after base: counts today, not on base.
    await adopt(ss['1082'], 1, [police], { status: 'adopted', approvedAt: at({ days: 10 }), approvedBy: 'management' });
    // H: healthcare in Karlskrona adopts with police as partner: not social services, never counts.
    await adopt(healthcare, 1, [police], {
      status: 'adopted',
      approvedAt: at({ months: -1 }),
      approvedBy: 'management',
    });
  });
  afterAll(() => t.close());

  const report = (query: string, token = reader.users.manager.token) =>
    t.http.get(`/api/v1/reports/collaboration-agreements?${query}`).set(bearer(token));
  const currentBy = (
    body: { municipalities: { municipalityCode: string; partners: { partnerType: string; current: boolean }[] }[] },
    partnerType: string,
  ) =>
    Object.fromEntries(
      body.municipalities.map((m) => [
        m.municipalityCode,
        m.partners.find((p) => p.partnerType === partnerType)?.current,
      ]),
    );
  const sharesOf = (body: {
    counties: { countyCode: string; partnerTypes: { partnerType: string; share: number }[] }[];
  }): Share =>
    Object.fromEntries(
      (body.counties.find((c) => c.countyCode === '10')?.partnerTypes ?? []).map((p) => [p.partnerType, p.share]),
    );

  it('computes the indicator on a given day against hand-computed expectations', async () => {
    const response = await report(`countyCode=10&asOf=${base.toISODate()}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      asOf: base.toISODate(),
      windowStart: base.minus({ months: 24 }).toISODate(),
      approvalLevels: ['management', 'board', 'council'],
    });
    expect(
      response.body.municipalities.map(
        (m: { municipalityCode: string; municipalityName: string }) => `${m.municipalityCode} ${m.municipalityName}`,
      ),
    ).toEqual(['1060 Olofström', '1080 Karlskrona', '1081 Ronneby', '1082 Karlshamn']);
    expect(response.body.municipalities[0].partners.map((p: { partnerType: string }) => p.partnerType)).toEqual([
      'police',
      'healthcare',
      'school',
      'prosecution',
      'prison_probation',
      'womens_shelter',
      'other',
    ]);
    expect(currentBy(response.body, 'police')).toEqual({ '1060': true, '1080': false, '1081': true, '1082': false });
    expect(currentBy(response.body, 'healthcare')).toEqual({
      '1060': false,
      '1080': false,
      '1081': false,
      '1082': true,
    });
    expect(currentBy(response.body, 'womens_shelter')).toEqual({
      '1060': false,
      '1080': false,
      '1081': true,
      '1082': false,
    });
    expect(response.body.counties).toEqual([
      {
        countyCode: '10',
        countyName: 'Blekinge län',
        municipalities: 4,
        partnerTypes: [
          { partnerType: 'police', withAgreement: 2, share: 0.5 },
          { partnerType: 'healthcare', withAgreement: 1, share: 0.25 },
          { partnerType: 'school', withAgreement: 0, share: 0 },
          { partnerType: 'prosecution', withAgreement: 0, share: 0 },
          { partnerType: 'prison_probation', withAgreement: 0, share: 0 },
          { partnerType: 'womens_shelter', withAgreement: 1, share: 0.25 },
          { partnerType: 'other', withAgreement: 0, share: 0 },
        ],
      },
    ]);
    const olofstrom = response.body.municipalities[0].partners.find(
      (p: { partnerType: string }) => p.partnerType === 'police',
    );
    // A day, as it was recorded: not the instant Swedish midnight is in UTC (a day early).
    expect(olofstrom.latestActivityAt).toBe(at({ months: -23 }));
  });

  it('computes it for today by default', async () => {
    const response = await report('countyCode=10');
    expect(response.body.asOf).toBe(today.toISODate());
    expect(currentBy(response.body, 'police')).toEqual({ '1060': false, '1080': false, '1081': true, '1082': true });
    expect(sharesOf(response.body)).toMatchObject({ police: 0.5, healthcare: 0, womens_shelter: 0.25 });
  });

  it('filters by municipality (keeping the county share), partner type and county', async () => {
    const ronneby = await report(`municipalityCode=1081&asOf=${base.toISODate()}`);
    expect(ronneby.body.municipalities.map((m: { municipalityCode: string }) => m.municipalityCode)).toEqual(['1081']);
    expect(ronneby.body.counties[0]).toMatchObject({ countyCode: '10', municipalities: 4 });
    expect(sharesOf(ronneby.body)).toMatchObject({ police: 0.5 });

    const policeOnly = await report(`countyCode=10&partnerType=police&asOf=${base.toISODate()}`);
    expect(policeOnly.body.municipalities.every((m: { partners: unknown[] }) => m.partners.length === 1)).toBe(true);
    expect(policeOnly.body.counties[0].partnerTypes).toEqual([{ partnerType: 'police', withAgreement: 2, share: 0.5 }]);

    const sölvesborg = await report('municipalityCode=1083');
    expect(sölvesborg.body.municipalities).toEqual([]);
  });

  it('answers CSV for Accept: text/csv', async () => {
    const response = await report(`countyCode=10&partnerType=police&asOf=${base.toISODate()}`).set(
      'Accept',
      'text/csv',
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'level,asOf,countyCode,countyName,municipalityCode,municipalityName,partnerType,current,latestActivityAt,municipalities,withAgreement,share',
    );
    expect(lines[1].split(',')[8]).toBe(at({ months: -23 }));
    expect(
      lines.slice(1).map((line) =>
        line
          .split(',')
          .filter((_, i) => [0, 4, 6, 7, 9, 10, 11].includes(i))
          .join(' '),
      ),
    ).toEqual([
      'municipality 1060 police true   ',
      'municipality 1080 police false   ',
      'municipality 1081 police true   ',
      'municipality 1082 police false   ',
      'county  police  4 2 0.5',
    ]);
  });

  it('refuses bad filters with 400', async () => {
    for (const query of [
      'asOf=2026-13-01',
      'asOf=yesterday',
      'asOf=2026-06-15T10:00:00Z',
      'partnerType=social_services',
      'partnerType=church',
      'countyCode=02',
      'municipalityCode=0100',
    ]) {
      expect((await report(query)).status).toBe(400);
    }
  });

  it('is read by managers, auditors, coordinators and admins', async () => {
    for (const role of [Role.Manager, Role.Auditor, Role.Coordinator, Role.Admin]) {
      expect((await report('countyCode=10', reader.users[role].token)).status).toBe(200);
    }
    expect((await report('countyCode=10', reader.users.caseworker.token)).status).toBe(403);
    expect((await t.http.get('/api/v1/reports/collaboration-agreements')).status).toBe(401);
  });
});
