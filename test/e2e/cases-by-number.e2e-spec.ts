import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization } from '../support/fixtures';
import { createPublishedRoutine, openCase, threeOrganisationRoutine } from '../support/routine-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface OpenedCase {
  id: string;
  caseNumber: string;
}

interface AuditRow {
  action: string;
  entity_type: string;
  entity_id: string;
  actor_user_id: string;
  organization_ids: string[];
  data: Record<string, unknown>;
}

describe('collaboration cases: addressed by number, wrong step keys, audited list reads', () => {
  let t: TestApp;
  let social: FixtureOrganization;
  let police: FixtureOrganization;
  let health: FixtureOrganization;
  let outsider: FixtureOrganization;
  let routineId: string;
  let kase: OpenedCase;

  const get = (path: string, token: string) => t.http.get(path).set(bearer(token));
  const post = (path: string, token: string, body: Record<string, unknown>) =>
    t.http.post(path).set(bearer(token)).send(body);
  const open = (): Promise<OpenedCase> =>
    openCase<OpenedCase>(t.http, social.users.caseworker.token, {
      routineId,
      participants: [social.id, police.id, health.id],
    });
  const auditEvents = async (action: string, actorUserId: string): Promise<AuditRow[]> =>
    await t.dataSource.query<AuditRow[]>(
      `SELECT action, entity_type, entity_id, actor_user_id, organization_ids::text[] AS organization_ids, data
         FROM audit_event WHERE action = $1 AND actor_user_id = $2 ORDER BY sequence`,
      [action, actorUserId],
    );

  beforeAll(async () => {
    t = await startTestApp();
    social = await createOrganization(t.app, OrganizationType.SocialServices, '0187');
    police = await createOrganization(t.app, OrganizationType.Police, '0187');
    health = await createOrganization(t.app, OrganizationType.Healthcare, '0187');
    outsider = await createOrganization(t.app, OrganizationType.SocialServices, '0188');
    routineId = (
      await createPublishedRoutine(
        t.dataSource,
        { organizationId: social.id, userId: social.users.coordinator.id },
        threeOrganisationRoutine(),
      )
    ).id;
    kase = await open();
  });
  afterAll(() => t.close());

  describe('by case number', () => {
    it('reads the case and its timeline by number as by id', async () => {
      const byId = await get(`/api/v1/cases/${kase.id}`, police.users.manager.token).expect(200);
      const byNumber = await get(`/api/v1/cases/${kase.caseNumber}`, police.users.manager.token).expect(200);
      expect(byNumber.body).toEqual(byId.body);
      const timeline = await get(`/api/v1/cases/${kase.caseNumber}/timeline`, police.users.manager.token).expect(200);
      expect(timeline.body.items[0]).toMatchObject({ action: 'case.created' });
    });

    it('completes and skips steps and closes a case by number', async () => {
      const other = await open();
      const path = `/api/v1/cases/${other.caseNumber}`;
      const completed = await post(`${path}/steps/report/complete`, social.users.caseworker.token, {
        outcomeCode: 'reported',
      }).expect(200);
      expect(completed.body).toMatchObject({ id: other.id, caseNumber: other.caseNumber });
      await post(`${path}/steps/police_interview/skip`, police.users.caseworker.token, {
        reasonCode: 'not_needed',
      }).expect(200);
      const closed = await post(`${path}/close`, social.users.coordinator.token, {
        closureCode: 'withdrawn',
        force: true,
      }).expect(200);
      expect(closed.body).toMatchObject({ id: other.id, status: 'closed' });
    });

    it('answers 404 to a non-participant by number as by id, and 403 to a role without access', async () => {
      for (const ref of [kase.id, kase.caseNumber]) {
        expect((await get(`/api/v1/cases/${ref}`, outsider.users.manager.token)).status).toBe(404);
        expect((await get(`/api/v1/cases/${ref}/timeline`, outsider.users.caseworker.token)).status).toBe(404);
        expect(
          (
            await post(`/api/v1/cases/${ref}/steps/report/complete`, outsider.users.caseworker.token, {
              outcomeCode: 'reported',
            })
          ).status,
        ).toBe(404);
        expect(
          (
            await post(`/api/v1/cases/${ref}/close`, outsider.users.coordinator.token, {
              closureCode: 'withdrawn',
              force: true,
            })
          ).status,
        ).toBe(404);
        expect((await get(`/api/v1/cases/${ref}`, social.users[Role.Auditor].token)).status).toBe(403);
        expect(
          (await post(`/api/v1/cases/${ref}/close`, social.users.manager.token, { closureCode: 'withdrawn' })).status,
        ).toBe(403);
      }
    });

    it('answers 404 to a well-formed number no case has, and 400 to anything that is neither id nor number', async () => {
      expect((await get('/api/v1/cases/SAM-1999-999999', social.users.manager.token)).body).toMatchObject({
        status: 404,
        code: 'case.not_found',
      });
      for (const bad of ['SAM-2026-12', 'sam-2026-000001', 'SAM-2026-0000012', '198001011234']) {
        const response = await get(`/api/v1/cases/${bad}`, social.users.manager.token);
        expect(response.status).toBe(400);
        expect(JSON.stringify(response.body)).not.toContain(bad);
      }
    });

    it('filters the list by case number, for participants only', async () => {
      const found = await get(`/api/v1/cases?caseNumber=${kase.caseNumber}`, health.users.caseworker.token).expect(200);
      expect(found.body.items.map((item: OpenedCase) => item.id)).toEqual([kase.id]);
      const hidden = await get(`/api/v1/cases?caseNumber=${kase.caseNumber}`, outsider.users.caseworker.token).expect(
        200,
      );
      expect(hidden.body.items).toEqual([]);
      expect((await get('/api/v1/cases?caseNumber=SAM-26-1', social.users.manager.token)).status).toBe(400);
      expect((await get(`/api/v1/cases?caseNumber=${kase.caseNumber}`, social.users.auditor.token)).status).toBe(403);
    });
  });

  describe('a wrong step key', () => {
    it("gets a 404 that names the case's step keys, never the key asked for", async () => {
      const response = await post(`/api/v1/cases/${kase.id}/steps/repport/complete`, social.users.caseworker.token, {
        outcomeCode: 'reported',
      });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({
        code: 'case_step.not_found',
        errors: [
          {
            field: 'key',
            code: 'unknown_step',
            stepKeys: ['report', 'police_interview', 'health_check', 'conference'],
          },
        ],
      });
      expect(JSON.stringify(response.body)).not.toContain('repport');
    });

    it('still answers a plain 404 to a non-participant, naming nothing', async () => {
      const response = await post(`/api/v1/cases/${kase.id}/steps/repport/complete`, outsider.users.caseworker.token, {
        outcomeCode: 'reported',
      });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('case.not_found');
      expect(JSON.stringify(response.body)).not.toContain('police_interview');
    });
  });

  describe('reading a list', () => {
    it('is audited once, with its filters and the cases it showed, never the cursor', async () => {
      const reader = police.users.coordinator;
      const first = await get(`/api/v1/cases?routineId=${routineId}&overdue=false&limit=1`, reader.token).expect(200);
      await get(`/api/v1/cases?status=closed&limit=1&cursor=${first.body.nextCursor as string}`, reader.token).expect(
        200,
      );
      const events = await auditEvents('case.listed', reader.id);
      expect(events).toHaveLength(2);
      expect(events[0]).toMatchObject({
        entity_type: 'organization',
        entity_id: police.id,
        data: { filters: { routineId, overdue: false }, limit: 1, nextPage: false, caseIds: [first.body.items[0].id] },
      });
      expect([...events[0].organization_ids].sort()).toEqual([social.id, police.id, health.id].sort());
      expect(events[1].data).toMatchObject({ filters: { status: 'closed' }, nextPage: true });
      expect(JSON.stringify(events[1])).not.toContain(first.body.nextCursor);
    });

    it('is audited when it shows nothing, and not when it is refused', async () => {
      const reader = outsider.users.manager;
      await get(`/api/v1/cases?caseNumber=${kase.caseNumber}`, reader.token).expect(200);
      await get('/api/v1/cases?status=pending', reader.token).expect(400);
      const events = await auditEvents('case.listed', reader.id);
      expect(events.map((event) => event.data)).toEqual([
        { filters: { caseNumber: kase.caseNumber }, limit: 50, nextPage: false, caseIds: [] },
      ]);
      expect(events[0].organization_ids).toEqual([outsider.id]);
    });
  });
});
