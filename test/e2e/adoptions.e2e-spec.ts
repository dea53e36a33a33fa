import { DateTime } from 'luxon';
import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const ALL = [Role.Coordinator, Role.Caseworker, Role.Manager, Role.Auditor, Role.Admin];
const daysAgo = (days: number) => DateTime.now().setZone('Europe/Stockholm').minus({ days }).toISODate() as string;
const swedishMidnight = (date: string) => DateTime.fromISO(date, { zone: 'Europe/Stockholm' });
const monthsAfter = (date: string, months: number) => DateTime.fromISO(date).plus({ months }).toISODate() as string;

const routine = (title: string, goals = [2, 4], measures = ['2.4']) => ({
  title,
  goals,
  measures,
  steps: [
    {
      key: 'contact',
      title: 'Kontakt',
      responsibleOrganizationType: 'police',
      dueAfter: 'P2D',
      dueFrom: 'case_start',
      outcomeCodes: ['done'],
    },
  ],
});

describe('adoptions', () => {
  let t: TestApp;
  let adopter: FixtureOrganization;
  let partner: FixtureOrganization;
  let outsider: FixtureOrganization;
  let countyBoard: FixtureOrganization;
  let routineId: string;
  let otherRoutineId: string;

  beforeAll(async () => {
    t = await startTestApp();
    adopter = await createOrganization(t.app, OrganizationType.SocialServices, '0183', ALL);
    partner = await createOrganization(t.app, OrganizationType.Police, '0183', ALL);
    outsider = await createOrganization(t.app, OrganizationType.Healthcare, '0184', ALL);
    countyBoard = await createOrganization(t.app, OrganizationType.CountyBoard, '0180', [
      Role.Manager,
      Role.Caseworker,
    ]);
    const publish = async (body: object, versions = 1) => {
      const token = outsider.users.coordinator.token;
      const id = (await t.http.post('/api/v1/routines').set(bearer(token)).send(body).expect(201)).body.id as string;
      for (let version = 1; version <= versions; version++) {
        if (version > 1) {
          await t.http
            .patch(`/api/v1/routines/${id}`)
            .set(bearer(token))
            .send({ title: `${(body as { title: string }).title} v${version}` })
            .expect(200);
        }
        await t.http.post(`/api/v1/routines/${id}/publish`).set(bearer(token)).expect(201);
      }
      return id;
    };
    routineId = await publish(routine('Samverkan socialtjänst och polis'), 2);
    otherRoutineId = await publish(routine('Uppföljning av insatser', [7], ['7.3']));
  });
  afterAll(() => t.close());

  const token = (org: FixtureOrganization, role: Role = Role.Coordinator) => org.users[role].token;
  const create = (body: Record<string, unknown>, as = token(adopter)) =>
    t.http
      .post('/api/v1/adoptions')
      .set(bearer(as))
      .send({ routineId, version: 1, organizationId: adopter.id, partnerOrganizationIds: [partner.id], ...body });
  const patch = (id: string, body: Record<string, unknown>, as = token(adopter)) =>
    t.http.patch(`/api/v1/adoptions/${id}`).set(bearer(as)).send(body);
  const followUp = (id: string, body: Record<string, unknown>, as = token(adopter)) =>
    t.http.post(`/api/v1/adoptions/${id}/follow-ups`).set(bearer(as)).send(body);
  const reminders = async (id: string) =>
    await t.dataSource.query<
      {
        status: string;
        due_at: Date;
        organization_id: string;
        kind: string;
        subject_type: string;
      }[]
    >(
      `SELECT status, due_at, organization_id, kind, subject_type FROM reminder WHERE adoption_id = $1 ORDER BY created_at, id`,
      [id],
    );
  const auditOf = async (id: string) =>
    await t.dataSource.query<
      {
        action: string;
        data: Record<string, unknown>;
        organization_ids: string[];
      }[]
    >(
      `SELECT action, data, organization_ids FROM audit_event WHERE entity_type = 'adoption' AND entity_id = $1 ORDER BY sequence`,
      [id],
    );

  it('moves planned → implementing → adopted → discontinued, with review reminders and follow-ups', async () => {
    const created = await create({ status: 'planned' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      routineId,
      version: 1,
      routineTitle: 'Samverkan socialtjänst och polis',
      organizationId: adopter.id,
      partnerOrganizationIds: [partner.id],
      status: 'planned',
      approvedAt: null,
      approvedBy: null,
      reviewIntervalMonths: 24,
      lastFollowUpAt: null,
      nextReviewDueAt: null,
      followUpOverdue: false,
      currentAgreement: false,
    });
    expect(await reminders(id)).toEqual([]);

    expect((await patch(id, { status: 'implementing' })).body.status).toBe('implementing');
    const back = await patch(id, { status: 'planned' });
    expect(back.status).toBe(409);
    expect(back.body.code).toBe('adoption.illegal_transition');

    const unapproved = await patch(id, { status: 'adopted' });
    expect(unapproved.status).toBe(422);
    expect(unapproved.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'approvedAt:required',
      'approvedBy:required',
    ]);

    const approvedAt = daysAgo(100);
    const adopted = await patch(id, { status: 'adopted', approvedAt, approvedBy: 'management' });
    expect(adopted.status).toBe(200);
    const firstDue = monthsAfter(approvedAt, 24);
    // Days travel as days: the approval day and review day come back as sent, not as instants a day early.
    expect(adopted.body).toMatchObject({
      status: 'adopted',
      approvedAt,
      approvedBy: 'management',
      nextReviewDueAt: firstDue,
      followUpOverdue: false,
      currentAgreement: true,
    });
    expect(await reminders(id)).toEqual([
      {
        status: 'pending',
        due_at: swedishMidnight(firstDue).toJSDate(),
        organization_id: adopter.id,
        kind: 'review_due',
        subject_type: 'adoption',
      },
    ]);
    expect((await patch(id, { status: 'implementing' })).status).toBe(409);

    const performedAt = daysAgo(10);
    const recorded = await followUp(id, {
      performedAt,
      outcomeCode: 'reviewed_unchanged',
      note: 'Överenskommelsen gäller oförändrad.',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      adoptionId: id,
      outcomeCode: 'reviewed_unchanged',
      note: 'Överenskommelsen gäller oförändrad.',
      recordedBy: adopter.users.coordinator.id,
    });
    expect(recorded.body.performedAt).toBe(performedAt);
    const secondDue = monthsAfter(performedAt, 24);
    const read = (await t.http.get(`/api/v1/adoptions/${id}`).set(bearer(token(partner, Role.Manager)))).body;
    expect(read).toMatchObject({ approvedAt, lastFollowUpAt: performedAt, nextReviewDueAt: secondDue });
    expect((await reminders(id)).map((r) => [r.status, r.due_at])).toEqual([
      ['cancelled', swedishMidnight(firstDue).toJSDate()],
      ['pending', swedishMidnight(secondDue).toJSDate()],
    ]);

    const longer = await patch(id, { reviewIntervalMonths: 12 });
    expect(longer.body.nextReviewDueAt).toBe(monthsAfter(performedAt, 12));
    expect((await reminders(id)).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'pending']);

    const discontinued = await patch(id, { status: 'discontinued' });
    expect(discontinued.body).toMatchObject({ status: 'discontinued', nextReviewDueAt: null, currentAgreement: false });
    expect(discontinued.body.discontinuedAt).not.toBeNull();
    expect((await reminders(id)).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const frozen = await patch(id, { status: 'adopted', approvedAt, approvedBy: 'board' });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('adoption.discontinued');
    expect((await followUp(id, { performedAt, outcomeCode: 'late' })).body.code).toBe('adoption.not_adopted');

    const audit = await auditOf(id);
    expect(audit.map((e) => e.action)).toEqual([
      'adoption.created',
      'adoption.status_changed',
      'adoption.status_changed',
      'adoption.follow_up_recorded',
      'adoption.updated',
      'adoption.status_changed',
    ]);
    expect(audit[2].data).toMatchObject({
      from: 'implementing',
      to: 'adopted',
      approvedAt,
      approvedBy: 'management',
      nextReviewDueAt: firstDue,
    });
    expect(audit[3].data).toEqual({
      followUpId: recorded.body.id,
      performedAt,
      outcomeCode: 'reviewed_unchanged',
      withNote: true,
      lastFollowUpAt: performedAt,
      nextReviewDueAt: secondDue,
    });
    expect(JSON.stringify(audit)).not.toContain('oförändrad');
    expect(audit[0].organization_ids.sort()).toEqual([adopter.id, partner.id].sort());

    const again = await create({ status: 'planned' });
    expect(again.status).toBe(201);
    await patch(again.body.id, { status: 'discontinued' }).expect(200);
  });

  it('allows planned → adopted directly, and creating an adopted routine with its approval', async () => {
    const planned = await create({ routineId: otherRoutineId, status: 'planned', partnerOrganizationIds: [] });
    const adopted = await patch(planned.body.id, { status: 'adopted', approvedAt: daysAgo(5), approvedBy: 'board' });
    expect(adopted.status).toBe(200);
    expect(adopted.body.partnerOrganizationIds).toEqual([]);
    await patch(planned.body.id, { status: 'discontinued' }).expect(200);

    const direct = await create({
      routineId: otherRoutineId,
      status: 'adopted',
      approvedAt: daysAgo(3),
      approvedBy: 'council',
      reviewIntervalMonths: 6,
    });
    expect(direct.status).toBe(201);
    expect(direct.body.nextReviewDueAt).toBe(monthsAfter(daysAgo(3), 6));
    expect((await reminders(direct.body.id)).map((r) => r.status)).toEqual(['pending']);
  });

  it('keeps days as days: 2025-03-10 comes back as 2025-03-10, and a date-time or a day that does not exist is a 400', async () => {
    const adopted = await create({
      status: 'adopted',
      approvedAt: '2025-03-10',
      approvedBy: 'management',
      reviewIntervalMonths: 24,
    });
    expect(adopted.status).toBe(201);
    expect(adopted.body).toMatchObject({ approvedAt: '2025-03-10', nextReviewDueAt: '2027-03-10' });
    const read = await t.http.get(`/api/v1/adoptions/${adopted.body.id}`).set(bearer(token(adopter, Role.Manager)));
    expect(read.body).toMatchObject({ approvedAt: '2025-03-10', nextReviewDueAt: '2027-03-10' });
    const followedUp = await followUp(adopted.body.id, {
      performedAt: '2025-10-26',
      outcomeCode: 'reviewed_unchanged',
    });
    expect(followedUp.body.performedAt).toBe('2025-10-26');
    const listed = await t.http
      .get(`/api/v1/adoptions/${adopted.body.id}/follow-ups`)
      .set(bearer(token(adopter, Role.Auditor)));
    expect(listed.body.items.map((item: { performedAt: string }) => item.performedAt)).toEqual(['2025-10-26']);
    const [audit] = (await auditOf(adopted.body.id)).filter((event) => event.action === 'adoption.follow_up_recorded');
    expect(audit.data).toMatchObject({
      performedAt: '2025-10-26',
      lastFollowUpAt: '2025-10-26',
      nextReviewDueAt: '2027-10-26',
    });

    for (const approvedAt of [
      '2025-03-10T10:00:00+01:00',
      '2025-03-10T00:00:00Z',
      '2025-02-29',
      '20250310',
      '2025-3-10',
    ]) {
      const refused = await patch(adopted.body.id, { approvedAt });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'approvedAt' })]);
    }
    for (const performedAt of ['2025-10-27T09:00:00+01:00', '2025-02-30']) {
      expect((await followUp(adopted.body.id, { performedAt, outcomeCode: 'reviewed_unchanged' })).status).toBe(400);
    }
    await patch(adopted.body.id, { status: 'discontinued' }).expect(200);
  });

  it('refuses adoptions that break the rules', async () => {
    const expectError = (
      response: { status: number; body: { code: string; errors?: unknown[] } },
      status: number,
      code: string,
      field?: string,
    ) => {
      expect(response.status).toBe(status);
      expect(response.body.code).toBe(code);
      if (field) {
        expect(response.body.errors).toContainEqual(expect.objectContaining({ field }));
      }
    };
    expectError(await create({ status: 'planned', organizationId: outsider.id }), 403, 'adoption.other_organization');
    expectError(await create({ status: 'planned', version: 3 }), 422, 'adoption.invalid', 'version');
    expectError(
      await create({ status: 'planned', partnerOrganizationIds: [adopter.id] }),
      422,
      'adoption.invalid',
      'partnerOrganizationIds[0]',
    );
    expectError(
      await create({ status: 'planned', partnerOrganizationIds: [partner.id, '00000000-0000-4000-8000-000000000000'] }),
      422,
      'adoption.invalid',
      'partnerOrganizationIds[1]',
    );
    expectError(await create({ status: 'planned', approvedBy: 'management' }), 422, 'adoption.invalid', 'approvedBy');
    expectError(
      await create({
        status: 'adopted',
        approvedAt: DateTime.now().plus({ days: 2 }).toISODate(),
        approvedBy: 'board',
      }),
      422,
      'adoption.invalid',
      'approvedAt',
    );
    expect((await create({ status: 'discontinued' })).status).toBe(400);
    expect((await create({ status: 'adopted', approvedAt: daysAgo(1), approvedBy: 'chief' })).status).toBe(400);
    expect((await create({ status: 'planned', reviewIntervalMonths: 0 })).status).toBe(400);

    const draftOnly = (
      await t.http
        .post('/api/v1/routines')
        .set(bearer(token(outsider)))
        .send(routine('Utkast'))
        .expect(201)
    ).body.id;
    expectError(await create({ status: 'planned', routineId: draftOnly }), 404, 'routine.not_found');

    const live = await create({ status: 'implementing' });
    expectError(await create({ status: 'planned' }), 409, 'adoption.exists');
    const upgraded = await patch(live.body.id, { version: 2 });
    expect(upgraded.body).toMatchObject({ version: 2, routineTitle: 'Samverkan socialtjänst och polis v2' });
    expectError(await patch(live.body.id, { version: 5 }), 422, 'adoption.invalid', 'version');

    const retiring = (
      await t.http
        .post('/api/v1/routines')
        .set(bearer(token(outsider)))
        .send(routine('Rutin som avvecklas'))
        .expect(201)
    ).body.id;
    await t.http
      .post(`/api/v1/routines/${retiring}/publish`)
      .set(bearer(token(outsider)))
      .expect(201);
    const before = await create({ status: 'planned', routineId: retiring });
    await t.http
      .post(`/api/v1/routines/${retiring}/retire`)
      .set(bearer(token(outsider)))
      .expect(200);
    expectError(
      await create({ status: 'planned', routineId: retiring, organizationId: partner.id }, token(partner)),
      409,
      'routine.retired',
    );
    expect((await patch(before.body.id, { status: 'implementing' })).status).toBe(200);
    await patch(live.body.id, { status: 'discontinued' }).expect(200);
  });

  it('checks follow-ups: not in the future, not before the approval, no personal data in the note', async () => {
    const adoption = (
      await create(
        {
          routineId: otherRoutineId,
          status: 'adopted',
          approvedAt: daysAgo(60),
          approvedBy: 'management',
          organizationId: partner.id,
          partnerOrganizationIds: [adopter.id],
        },
        token(partner),
      )
    ).body;
    const expectField = async (body: Record<string, unknown>, status: number, field: string) => {
      const response = await followUp(adoption.id, body, token(partner));
      expect(response.status).toBe(status);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field }));
    };
    await expectField(
      { performedAt: DateTime.now().setZone('Europe/Stockholm').plus({ days: 1 }).toISODate(), outcomeCode: 'done' },
      422,
      'performedAt',
    );
    await expectField({ performedAt: daysAgo(61), outcomeCode: 'done' }, 422, 'performedAt');
    await expectField(
      { performedAt: daysAgo(1), outcomeCode: 'done', note: 'Ring handläggaren på 08-123 456 78' },
      422,
      'note',
    );
    await expectField({ performedAt: daysAgo(1), outcomeCode: 'Klart!' }, 400, 'outcomeCode');

    // Outcomes come from the reason-code catalogue; each day has its own, to see the order.
    const outcomeOf: Record<number, string> = { 50: 'reviewed_unchanged', 20: 'revised', 35: 'partner_changed' };
    for (const days of [50, 20, 35]) {
      await followUp(adoption.id, { performedAt: daysAgo(days), outcomeCode: outcomeOf[days] }, token(partner)).expect(
        201,
      );
    }
    const first = await t.http
      .get(`/api/v1/adoptions/${adoption.id}/follow-ups?limit=2`)
      .set(bearer(token(adopter, Role.Auditor)));
    expect(first.body.items.map((f: { outcomeCode: string }) => f.outcomeCode)).toEqual(['revised', 'partner_changed']);
    const second = await t.http
      .get(`/api/v1/adoptions/${adoption.id}/follow-ups?limit=2&cursor=${first.body.nextCursor}`)
      .set(bearer(token(adopter, Role.Auditor)));
    expect(second.body).toMatchObject({ items: [{ outcomeCode: 'reviewed_unchanged' }], nextCursor: null });
    const read = (await t.http.get(`/api/v1/adoptions/${adoption.id}`).set(bearer(token(partner, Role.Manager)))).body;
    expect(read.lastFollowUpAt).toBe(daysAgo(20));
    await patch(adoption.id, { status: 'discontinued' }, token(partner)).expect(200);
  });

  describe('reading and permissions', () => {
    let overdueId: string;
    let partnerOwnId: string;

    beforeAll(async () => {
      const reader = await createOrganization(t.app, OrganizationType.SocialServices, '0186', [Role.Coordinator]);
      overdueId = (
        await create(
          {
            status: 'adopted',
            approvedAt: daysAgo(800),
            approvedBy: 'management',
            organizationId: reader.id,
            routineId,
          },
          token(reader),
        )
      ).body.id;
      const partnerOwn = await create(
        { status: 'planned', organizationId: partner.id, partnerOrganizationIds: [], routineId: otherRoutineId },
        token(partner),
      );
      expect(partnerOwn.status).toBe(201);
      partnerOwnId = partnerOwn.body.id;
    });

    const listIds = async (as: string, query = '') => {
      const response = await t.http.get(`/api/v1/adoptions?limit=200${query}`).set(bearer(as));
      expect(response.status).toBe(200);
      return (response.body.items as { id: string }[]).map((a) => a.id);
    };

    it('marks an adoption past its review date as overdue, and filters on it', async () => {
      const overdue = (await t.http.get(`/api/v1/adoptions/${overdueId}`).set(bearer(token(countyBoard, Role.Manager))))
        .body;
      expect(overdue).toMatchObject({ followUpOverdue: true, currentAgreement: false, status: 'adopted' });
      const board = token(countyBoard, Role.Manager);
      expect(await listIds(board, '&followUpOverdue=true')).toContain(overdueId);
      expect(await listIds(board, '&followUpOverdue=false')).not.toContain(overdueId);
    });

    it('filters by goal, routine, organisation, type, municipality and status', async () => {
      const board = token(countyBoard, Role.Manager);
      expect(await listIds(board, '&goal=4')).toContain(overdueId);
      expect(await listIds(board, '&goal=7')).not.toContain(overdueId);
      expect(await listIds(board, '&goal=7')).toContain(partnerOwnId);
      expect(await listIds(board, `&routineId=${otherRoutineId}`)).toContain(partnerOwnId);
      expect(await listIds(board, `&routineId=${otherRoutineId}`)).not.toContain(overdueId);
      expect(await listIds(board, `&organizationId=${partner.id}&status=planned`)).toEqual([partnerOwnId]);
      expect(await listIds(board, '&organizationType=police&municipalityCode=0183&status=planned')).toContain(
        partnerOwnId,
      );
      expect(await listIds(board, '&organizationType=social_services&municipalityCode=0186')).toEqual([overdueId]);
      expect((await t.http.get('/api/v1/adoptions?status=done').set(bearer(board))).status).toBe(400);
      expect((await t.http.get('/api/v1/adoptions?municipalityCode=9999').set(bearer(board))).status).toBe(400);
    });

    it('shows an adoption to its organisation, its partners, the county board and admins only', async () => {
      const adopterList = await listIds(token(adopter, Role.Manager));
      expect(adopterList).not.toContain(partnerOwnId);
      expect(adopterList).not.toContain(overdueId);
      const partnerList = await listIds(token(partner, Role.Auditor));
      expect(partnerList).toContain(partnerOwnId);
      expect(await listIds(token(outsider, Role.Admin), `&organizationId=${partner.id}`)).toContain(partnerOwnId);
      expect(await listIds(token(outsider, Role.Manager))).toEqual([]);
      for (const path of [`/api/v1/adoptions/${partnerOwnId}`, `/api/v1/adoptions/${partnerOwnId}/follow-ups`]) {
        const response = await t.http.get(path).set(bearer(token(outsider, Role.Manager)));
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('adoption.not_found');
        expect((await t.http.get(path).set(bearer(token(adopter, Role.Auditor)))).status).toBe(404);
        expect((await t.http.get(path).set(bearer(token(countyBoard, Role.Manager)))).status).toBe(200);
      }
    });

    it('lets only coordinators and admins of the adopting organisation change an adoption', async () => {
      const writes = [
        { method: 'patch' as const, path: `/api/v1/adoptions/${partnerOwnId}`, body: { status: 'implementing' } },
        {
          method: 'post' as const,
          path: `/api/v1/adoptions/${partnerOwnId}/follow-ups`,
          body: { performedAt: daysAgo(1), outcomeCode: 'done' },
        },
      ];
      for (const { method, path, body } of writes) {
        for (const role of [Role.Caseworker, Role.Manager, Role.Auditor]) {
          expect(
            (
              await t.http[method](path)
                .set(bearer(token(partner, role)))
                .send(body)
            ).status,
          ).toBe(403);
        }
        expect((await t.http[method](path).send(body)).status).toBe(401);
        expect(
          (
            await t.http[method](path)
              .set(bearer(token(outsider)))
              .send(body)
          ).status,
        ).toBe(404);
        expect(
          (
            await t.http[method](path)
              .set(bearer(token(countyBoard, Role.Manager)))
              .send(body)
          ).status,
        ).toBe(403);
      }
      for (const role of [Role.Caseworker, Role.Manager, Role.Auditor]) {
        expect((await create({ status: 'planned' }, token(adopter, role))).status).toBe(403);
      }
      for (const path of [
        '/api/v1/adoptions',
        `/api/v1/adoptions/${partnerOwnId}`,
        `/api/v1/adoptions/${partnerOwnId}/follow-ups`,
      ]) {
        expect((await t.http.get(path).set(bearer(token(partner, Role.Caseworker)))).status).toBe(403);
        expect((await t.http.get(path)).status).toBe(401);
      }
      const byAdmin = await patch(partnerOwnId, { status: 'implementing' }, token(partner, Role.Admin));
      expect(byAdmin.status).toBe(200);
      const bySomeoneElsesAdmin = await patch(
        partnerOwnId,
        { status: 'adopted', approvedAt: daysAgo(1), approvedBy: 'board' },
        token(outsider, Role.Admin),
      );
      expect(bySomeoneElsesAdmin.status).toBe(403);
      expect(bySomeoneElsesAdmin.body.code).toBe('adoption.not_manager');
      const partnerOfAgreement = await patch(overdueId, { reviewIntervalMonths: 12 }, token(partner));
      expect(partnerOfAgreement.status).toBe(403);
      expect(partnerOfAgreement.body.code).toBe('adoption.not_manager');
    });
  });
});
