import { DateTime } from 'luxon';
import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization } from '../support/fixtures';
import {
  createPublishedRoutine,
  openCase,
  PublishedRoutine,
  routineDefinition,
  routineStep,
} from '../support/routine-fixtures';
import { startTestApp, TestApp, uniqueSuffix } from '../support/test-app';

interface ReasonCode {
  kind: string;
  code: string;
  labelSv: string;
  labelEn: string;
  systemOnly: boolean;
  retiredAt: string | null;
}

interface Case {
  id: string;
  status: string;
  closureCode: string | null;
  steps: { key: string; status: string; reasonCode: string | null }[];
}

/** Codes are global to the installation and suites share the database: this suite adds only codes of its own. */
describe('reason codes: a closed, admin-extended catalogue of skip reasons, closure codes and follow-up outcomes', () => {
  let t: TestApp;
  let social: FixtureOrganization;
  let routine: PublishedRoutine;
  let admin: string;

  const newCode = (prefix: string) => `${prefix}_${uniqueSuffix()}`;
  const list = (token: string, query = '') => t.http.get(`/api/v1/reason-codes${query}`).set(bearer(token));
  const add = (token: string, body: Record<string, unknown>) =>
    t.http.post('/api/v1/reason-codes').set(bearer(token)).send(body);
  const retire = (token: string, kind: string, code: string) =>
    t.http.post(`/api/v1/reason-codes/${kind}/${code}/retire`).set(bearer(token));
  const label = (code: string) => ({ labelSv: `Egen kod ${code}`, labelEn: `Own code ${code}` });
  const auditOf = async (entityId: string) =>
    await t.dataSource.query<
      {
        action: string;
        actor_user_id: string;
        data: Record<string, unknown>;
      }[]
    >(`SELECT action, actor_user_id, data FROM audit_event WHERE entity_id = $1 ORDER BY sequence`, [entityId]);
  const catalogueRows = async (code: string) =>
    await t.dataSource.query<{ kind: string }[]>(`SELECT kind FROM reason_code WHERE code = $1`, [code]);
  const openOneStepCase = () =>
    openCase<Case>(t.http, social.users.caseworker.token, { routineId: routine.id, participants: [social.id] });
  const skip = (caseId: string, reasonCode: string) =>
    t.http
      .post(`/api/v1/cases/${caseId}/steps/plan/skip`)
      .set(bearer(social.users.caseworker.token))
      .send({ reasonCode });
  const close = (caseId: string, closureCode: string) =>
    t.http.post(`/api/v1/cases/${caseId}/close`).set(bearer(social.users.coordinator.token)).send({ closureCode });
  const caseState = async (caseId: string) =>
    await t.dataSource.query<
      {
        status: string;
        closure_code: string | null;
        step_status: string;
        reason_code: string | null;
        audit_events: number;
        outbox_events: number;
      }[]
    >(
      `SELECT c.status, c.closure_code, s.status AS step_status, s.reason_code,
              (SELECT count(*)::int FROM audit_event WHERE entity_id = c.id::text) AS audit_events,
              (SELECT count(*)::int FROM outbox_event WHERE payload->>'caseId' = c.id::text) AS outbox_events
         FROM collaboration_case c JOIN case_step s ON s.case_id = c.id WHERE c.id = $1`,
      [caseId],
    );

  beforeAll(async () => {
    t = await startTestApp();
    social = await createOrganization(t.app, OrganizationType.SocialServices, '0182', [
      Role.Admin,
      Role.Coordinator,
      Role.Caseworker,
    ]);
    admin = social.users.admin.token;
    routine = await createPublishedRoutine(
      t.dataSource,
      { organizationId: social.id, userId: social.users.coordinator.id },
      routineDefinition([routineStep('plan', OrganizationType.SocialServices, { dueFrom: 'case_start' })]),
    );
  });
  afterAll(() => t.close());

  it('lists the seeded catalogue to any signed-in user, by kind and page by page', async () => {
    const skips = await list(social.users.caseworker.token, '?kind=step_skip&limit=200');
    expect(skips.status).toBe(200);
    const items = skips.body.items as ReasonCode[];
    expect(items.every((item) => item.kind === 'step_skip')).toBe(true);
    expect(items.map((item) => item.code)).toEqual(
      expect.arrayContaining([
        'not_needed',
        'not_applicable',
        'declined_by_party',
        'handled_elsewhere',
        'duplicate',
        'case_closed',
      ]),
    );
    expect(items.find((item) => item.code === 'case_closed')).toMatchObject({ systemOnly: true, retiredAt: null });
    expect(items.find((item) => item.code === 'declined_by_party')).toMatchObject({
      labelSv: 'Den enskilde har avböjt',
      labelEn: 'Declined by the person concerned',
      systemOnly: false,
    });

    const closures = (await list(social.users.caseworker.token, '?kind=case_closure&limit=200')).body
      .items as ReasonCode[];
    expect(closures.map((item) => item.code)).toEqual(
      expect.arrayContaining(['completed', 'withdrawn', 'referred_elsewhere', 'moved_out', 'duplicate', 'no_consent']),
    );
    const outcomes = (await list(social.users.caseworker.token, '?kind=follow_up_outcome&limit=200')).body
      .items as ReasonCode[];
    expect(outcomes.map((item) => item.code)).toEqual(
      expect.arrayContaining(['reviewed_unchanged', 'revised', 'partner_changed']),
    );

    const first = await list(social.users.caseworker.token, '?kind=step_skip&limit=2');
    const second = await list(
      social.users.caseworker.token,
      `?kind=step_skip&limit=2&cursor=${first.body.nextCursor as string}`,
    );
    expect([...first.body.items, ...second.body.items].map((item: ReasonCode) => item.code)).toEqual(
      items.slice(0, 4).map((item) => item.code),
    );

    expect((await list(social.users.caseworker.token, '?kind=anything')).status).toBe(400);
    expect((await t.http.get('/api/v1/reason-codes')).status).toBe(401);
  });

  it('lets admins extend it, audited; others get 403, a duplicate 409, personal data 422, and none of them writes anything', async () => {
    const code = newCode('visit');
    const created = await add(admin, { kind: 'step_skip', code, ...label(code) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'step_skip', code, ...label(code), systemOnly: false, retiredAt: null });
    expect((await list(social.users.caseworker.token, '?kind=step_skip&limit=200')).body.items).toContainEqual(
      expect.objectContaining({ code }),
    );
    expect(await auditOf(`step_skip:${code}`)).toEqual([
      { action: 'reason_code.created', actor_user_id: social.users.admin.id, data: { kind: 'step_skip', code } },
    ]);

    const duplicate = await add(admin, { kind: 'step_skip', code, labelSv: 'Annan', labelEn: 'Other' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.headers['content-type']).toContain('application/problem+json');
    expect(duplicate.body).toMatchObject({ status: 409, code: 'reason_code.duplicate' });
    // A code is unique within its kind: the same word may name a closure as well.
    expect((await add(admin, { kind: 'case_closure', code, ...label(code) })).status).toBe(201);
    const raced = newCode('raced');
    const racing = await Promise.all([1, 2].map(() => add(admin, { kind: 'step_skip', code: raced, ...label(raced) })));
    expect(racing.map((response) => response.status).sort()).toEqual([201, 409]);
    expect(await auditOf(`step_skip:${raced}`)).toHaveLength(1);

    const other = newCode('other');
    for (const role of [Role.Coordinator, Role.Caseworker]) {
      const refused = await add(social.users[role].token, { kind: 'step_skip', code: other, ...label(other) });
      expect(refused.status).toBe(403);
    }
    const withIdentity = await add(admin, {
      kind: 'step_skip',
      code: other,
      labelSv: 'Gäller 19770707-7074',
      labelEn: 'Other',
    });
    expect(withIdentity.status).toBe(422);
    expect(withIdentity.body.errors).toEqual([expect.objectContaining({ field: 'labelSv', code: 'personal_data' })]);
    expect(JSON.stringify(withIdentity.body)).not.toContain('7074');
    const identityAsCode = await add(admin, { kind: 'step_skip', code: 'pnr197707077074', ...label(other) });
    expect(identityAsCode.status).toBe(422);
    expect(JSON.stringify(identityAsCode.body)).not.toContain('7074');
    expect((await add(admin, { kind: 'step_skip', code: 'Not A Code', ...label(other) })).status).toBe(400);
    expect((await add(admin, { kind: 'nonsense', code: other, ...label(other) })).status).toBe(400);
    expect(await catalogueRows(other)).toEqual([]);
    expect(await catalogueRows('pnr197707077074')).toEqual([]);
    expect(await auditOf(`step_skip:${other}`)).toEqual([]);
  });

  it('refuses a skip with a code outside the catalogue, of another kind or only the system writes with 422, writing nothing', async () => {
    const kase = await openOneStepCase();
    const before = await caseState(kase.id);
    expect(before).toEqual([expect.objectContaining({ status: 'open', step_status: 'active', reason_code: null })]);
    for (const [reasonCode, why] of [
      ['made_up_reason', 'unknown'],
      ['completed', 'unknown'],
      ['case_closed', 'system_only'],
    ]) {
      const refused = await skip(kase.id, reasonCode);
      expect(refused.status).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toMatchObject({
        status: 422,
        code: 'case_step.unknown_reason_code',
        errors: [{ field: 'reasonCode', code: why }],
      });
    }
    expect(await caseState(kase.id)).toEqual(before);

    const code = newCode('elsewhere');
    await add(admin, { kind: 'step_skip', code, ...label(code) }).expect(201);
    const skipped = await skip(kase.id, code);
    expect(skipped.status).toBe(200);
    expect((skipped.body as Case).steps).toEqual([
      expect.objectContaining({ key: 'plan', status: 'skipped', reasonCode: code }),
    ]);
    expect((await auditOf(kase.id)).map((event) => [event.action, event.data.reasonCode ?? null])).toEqual([
      ['case.created', null],
      ['case.step.skipped', code],
    ]);
  });

  it('refuses a close with a code outside the catalogue with 422, writing nothing; a new catalogue code closes it', async () => {
    const kase = await openOneStepCase();
    await skip(kase.id, 'not_needed').expect(200);
    const before = await caseState(kase.id);
    for (const closureCode of ['made_up_closure', 'not_needed']) {
      const refused = await close(kase.id, closureCode);
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        code: 'case.unknown_closure_code',
        errors: [{ field: 'closureCode', code: 'unknown' }],
      });
    }
    expect(await caseState(kase.id)).toEqual(before);
    expect(before[0]).toMatchObject({ status: 'open', closure_code: null });

    const code = newCode('merged');
    await add(admin, { kind: 'case_closure', code, ...label(code) }).expect(201);
    const closed = await close(kase.id, code);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closureCode: code });
  });

  it('retires a code: refused for new use, still on the rows that hold it; the system reason cannot be retired', async () => {
    const code = newCode('retiring');
    await add(admin, { kind: 'step_skip', code, ...label(code) }).expect(201);
    const used = await openOneStepCase();
    await skip(used.id, code).expect(200);

    expect((await retire(social.users.coordinator.token, 'step_skip', code)).status).toBe(403);
    const retired = await retire(admin, 'step_skip', code);
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ kind: 'step_skip', code, retiredAt: expect.any(String) });
    expect(await auditOf(`step_skip:${code}`)).toEqual([
      expect.objectContaining({ action: 'reason_code.created' }),
      { action: 'reason_code.retired', actor_user_id: social.users.admin.id, data: { kind: 'step_skip', code } },
    ]);
    expect((await retire(admin, 'step_skip', code)).body).toMatchObject({ status: 409, code: 'reason_code.retired' });

    const active = (await list(social.users.caseworker.token, '?kind=step_skip&limit=200')).body.items as ReasonCode[];
    expect(active.map((item) => item.code)).not.toContain(code);
    const all = (await list(social.users.caseworker.token, '?kind=step_skip&limit=200&includeRetired=true')).body
      .items as ReasonCode[];
    expect(all).toContainEqual(expect.objectContaining({ code, retiredAt: expect.any(String) }));

    const fresh = await openOneStepCase();
    expect((await skip(fresh.id, code)).body).toMatchObject({
      status: 422,
      code: 'case_step.unknown_reason_code',
      errors: [{ field: 'reasonCode', code: 'retired' }],
    });
    const earlier = await t.http.get(`/api/v1/cases/${used.id}`).set(bearer(social.users.caseworker.token));
    expect((earlier.body as Case).steps).toEqual([expect.objectContaining({ status: 'skipped', reasonCode: code })]);

    expect((await retire(admin, 'step_skip', 'case_closed')).body).toMatchObject({
      status: 409,
      code: 'reason_code.system_only',
    });
    expect((await retire(admin, 'step_skip', newCode('absent'))).status).toBe(404);
    expect((await retire(admin, 'no_such_kind', code)).status).toBe(400);
  });

  it('refuses an adoption follow-up whose outcome is not in the catalogue with 422, writing nothing', async () => {
    const adoption = await t.http
      .post('/api/v1/adoptions')
      .set(bearer(social.users.coordinator.token))
      .send({
        routineId: routine.id,
        version: 1,
        organizationId: social.id,
        status: 'adopted',
        approvedAt: DateTime.now().setZone('Europe/Stockholm').minus({ days: 30 }).toISODate(),
        approvedBy: 'management',
      })
      .expect(201);
    const id = adoption.body.id as string;
    const followUp = (outcomeCode: string) =>
      t.http
        .post(`/api/v1/adoptions/${id}/follow-ups`)
        .set(bearer(social.users.coordinator.token))
        .send({ performedAt: DateTime.now().setZone('Europe/Stockholm').toISODate(), outcomeCode });
    const followUps = async () =>
      Number(
        (
          await t.dataSource.query<
            {
              n: string;
            }[]
          >(`SELECT count(*) AS n FROM adoption_follow_up WHERE adoption_id = $1`, [id])
        )[0].n,
      );

    const refused = await followUp('made_up_outcome');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'adoption.unknown_outcome_code',
      errors: [{ field: 'outcomeCode', code: 'unknown' }],
    });
    expect(await followUps()).toBe(0);
    expect((await auditOf(id)).map((event) => event.action)).toEqual(['adoption.created']);
    expect((await followUp('reviewed_unchanged')).status).toBe(201);
    expect(await followUps()).toBe(1);
  });
});
