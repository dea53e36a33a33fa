import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization, loginAdmin } from '../support/fixtures';
import { startTestApp, TestApp, uniqueSuffix } from '../support/test-app';

interface EventItem {
  sequence: number;
  occurredAt: string;
  action: string;
  actor: { type: string; userId: string | null; organizationId: string | null };
  entity: { type: string; id: string };
  organizationIds: string[];
  requestId: string | null;
  accessReason: string | null;
  data: Record<string, unknown>;
  contentHash: string;
  prevHash: string;
  hash: string;
}

interface EventPage {
  items: EventItem[];
  nextCursor: string | null;
}

const ROUTES = ['/api/v1/audit-events', '/api/v1/audit-events/verify', '/api/v1/audit-events/export?format=ndjson'];

describe('audit events: listing, scoping and access', () => {
  let t: TestApp;
  let adminToken: string;
  let adminId: string;
  let socialServices: FixtureOrganization;
  let police: FixtureOrganization;
  let countyBoard: FixtureOrganization;

  const rename = (organization: FixtureOrganization, headers: Record<string, string> = {}) =>
    t.http
      .patch(`/api/v1/organizations/${organization.id}`)
      .set(bearer(adminToken))
      .set(headers)
      .send({ name: `Renamed ${uniqueSuffix()}` });

  const list = async (
    token: string,
    query: Record<string, string | number>,
    headers: Record<string, string> = {},
  ): Promise<EventPage> => {
    const response = await t.http.get('/api/v1/audit-events').query(query).set(bearer(token)).set(headers);
    expect(response.status).toBe(200);
    return response.body as EventPage;
  };

  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await loginAdmin(t.app);
    adminId = ((await t.http.get('/api/v1/auth/me').set(bearer(adminToken))).body as { id: string }).id;
    socialServices = await createOrganization(t.app, OrganizationType.SocialServices, '0181');
    police = await createOrganization(t.app, OrganizationType.Police, '0180');
    countyBoard = await createOrganization(t.app, OrganizationType.CountyBoard, '0180', [Role.Auditor, Role.Manager]);
    for (const organization of [socialServices, police, socialServices, socialServices]) {
      expect((await rename(organization)).status).toBe(200);
    }
  });
  afterAll(() => t.close());

  describe('who may call', () => {
    it.each(
      ROUTES.flatMap((route) =>
        [Role.Caseworker, Role.Coordinator, Role.Manager].map((role) => [route, role] as const),
      ),
    )('%s refuses a %s with 403', async (route, role) => {
      const response = await t.http.get(route).set(bearer(socialServices.users[role].token));
      expect(response.status).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
    });

    it.each(ROUTES)('%s refuses a caller without a token with 401', async (route) => {
      expect((await t.http.get(route)).status).toBe(401);
    });

    it.each(ROUTES.flatMap((route) => [[route, 'auditor'] as const, [route, 'admin'] as const]))(
      '%s answers an %s',
      async (route, who) => {
        const token = who === 'admin' ? adminToken : socialServices.users.auditor.token;
        expect((await t.http.get(route).set(bearer(token))).status).toBe(200);
      },
    );
  });

  describe('what an auditor sees', () => {
    it('shows an auditor only the events that concern their own organisation', async () => {
      const own = await list(socialServices.users.auditor.token, {
        entityType: 'organization',
        entityId: socialServices.id,
      });
      expect(own.items).toHaveLength(3);
      const other = await list(socialServices.users.auditor.token, { entityType: 'organization', entityId: police.id });
      expect(other.items).toEqual([]);
      const everything = await list(socialServices.users.auditor.token, { limit: 200 });
      expect(everything.items.length).toBeGreaterThanOrEqual(3);
      for (const item of everything.items) {
        expect(item.organizationIds).toContain(socialServices.id);
      }
    });

    it("shows a county-board auditor and an admin every organisation's events", async () => {
      for (const token of [countyBoard.users.auditor.token, adminToken]) {
        expect((await list(token, { entityType: 'organization', entityId: police.id })).items).toHaveLength(1);
        expect((await list(token, { entityType: 'organization', entityId: socialServices.id })).items).toHaveLength(3);
      }
    });

    it('exposes every field of an event, hashes in hex', async () => {
      const [item] = (await list(adminToken, { entityType: 'organization', entityId: police.id })).items;
      expect(item).toEqual({
        sequence: expect.any(Number),
        occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        action: 'organization.updated',
        actor: { type: 'user', userId: adminId, organizationId: expect.any(String) },
        entity: { type: 'organization', id: police.id },
        organizationIds: expect.arrayContaining([police.id]),
        requestId: expect.any(String),
        accessReason: null,
        data: expect.objectContaining({ changed: ['name'], type: 'police', municipalityCode: '0180' }),
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    });
  });

  describe('filters and pagination', () => {
    it('filters by action, actor, organisation and entity', async () => {
      const byAction = await list(adminToken, { action: 'organization.updated', organizationId: socialServices.id });
      expect(byAction.items.map((item) => item.entity.id)).toEqual([
        socialServices.id,
        socialServices.id,
        socialServices.id,
      ]);
      const byActor = await list(adminToken, { actorUserId: adminId, entityId: police.id });
      expect(byActor.items).toHaveLength(1);
      const byOtherActor = await list(adminToken, { actorUserId: police.users.manager.id, entityId: police.id });
      expect(byOtherActor.items).toEqual([]);
      const byOrganization = await list(adminToken, { organizationId: police.id, entityType: 'organization' });
      expect(byOrganization.items.map((item) => item.entity.id)).toEqual([police.id]);
    });

    it('filters by time: from is inclusive, to exclusive', async () => {
      const [first, , second] = (await list(adminToken, { entityId: socialServices.id })).items;
      const at = (item: EventItem) => item.occurredAt;
      expect(at(first) < at(second)).toBe(true);
      const since = await list(adminToken, { entityId: socialServices.id, from: at(second) });
      expect(since.items.map((item) => item.sequence)).not.toContain(first.sequence);
      expect(since.items.map((item) => item.sequence)).toContain(second.sequence);
      const until = await list(adminToken, { entityId: socialServices.id, to: at(second) });
      expect(until.items.map((item) => item.sequence)).not.toContain(second.sequence);
      expect(
        (await list(adminToken, { entityId: socialServices.id, from: '2000-01-01', to: '2000-01-02' })).items,
      ).toEqual([]);
    });

    it('pages through the events in sequence order with an opaque cursor', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: EventPage = await list(adminToken, {
          entityId: socialServices.id,
          limit: 2,
          ...(cursor ? { cursor } : {}),
        });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((item) => item.sequence));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(3);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    });

    it.each([
      [{ action: 'Not A Code' }],
      [{ from: 'yesterday' }],
      [{ to: '2026-W01-1' }],
      [{ actorUserId: 'not-a-uuid' }],
      [{ entityType: 'Organization!' }],
      [{ limit: 500 }],
      [{ cursor: Buffer.from('["x"]').toString('base64url') }],
      [{ unknown: 'x' }],
    ])('refuses the query %j with 400', async (query) => {
      const response = await t.http.get('/api/v1/audit-events').query(query).set(bearer(adminToken));
      expect(response.status).toBe(400);
    });

    it('refuses an entity id holding a personal identity number with 422 and keeps it out of the trail', async () => {
      const response = await t.http
        .get('/api/v1/audit-events')
        .query({ entityId: '811228-9874' })
        .set(bearer(adminToken));
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([
        { field: 'entityId', code: 'personal_data', kind: 'personal_identity_number' },
      ]);
      expect(JSON.stringify(response.body)).not.toContain('811228');
    });
  });

  describe('auditing the reads', () => {
    it('records each listing as audit_event.listed with the filters used and the access reason', async () => {
      const auditor = socialServices.users.auditor;
      const reason = `Kvartalsgranskning ${uniqueSuffix()}`;
      await list(
        auditor.token,
        { action: 'organization.updated', organizationId: socialServices.id, from: '2026-01-01T00:00:00+01:00' },
        { 'X-Access-Reason': reason },
      );
      const recorded = await list(adminToken, { action: 'audit_event.listed', actorUserId: auditor.id });
      const event = recorded.items.find((item) => item.accessReason === reason);
      expect(event).toMatchObject({
        actor: { type: 'user', userId: auditor.id, organizationId: socialServices.id },
        entity: { type: 'audit_event', id: 'trail' },
        data: {
          filters: {
            action: 'organization.updated',
            organizationId: socialServices.id,
            from: '2025-12-31T23:00:00.000Z',
          },
        },
      });
      // The auditor's own organisation sees that its trail was read.
      expect(event?.organizationIds).toEqual([socialServices.id]);
    });

    it('records the access reason of a change in its event', async () => {
      const reason = `Rattelse av namn ${uniqueSuffix()}`;
      const requestId = `audit-reason-${uniqueSuffix()}`;
      expect((await rename(police, { 'X-Access-Reason': reason, 'X-Request-Id': requestId })).status).toBe(200);
      const [event] = (
        await list(adminToken, {
          entityId: police.id,
          action: 'organization.updated',
          from: new Date(Date.now() - 60_000).toISOString(),
        })
      ).items.slice(-1);
      expect(event).toMatchObject({ accessReason: reason, requestId });
    });

    it('refuses an access reason holding a personal identity number with 422, and it never reaches the trail', async () => {
      const before = await t.dataSource.query<{ sequence: string }[]>(`SELECT sequence FROM audit_chain_head`);
      for (const response of [
        await t.http
          .get('/api/v1/audit-events')
          .set(bearer(adminToken))
          .set('X-Access-Reason', 'Begäran gällande 811228-9874'),
        await rename(police, { 'X-Access-Reason': 'Ärende 811228-9874' }),
      ]) {
        expect(response.status).toBe(422);
        expect(response.body.errors).toEqual([
          { field: 'X-Access-Reason', code: 'personal_data', kind: 'personal_identity_number' },
        ]);
        expect(JSON.stringify(response.body)).not.toContain('811228');
      }
      const after = await t.dataSource.query<{ sequence: string }[]>(`SELECT sequence FROM audit_chain_head`);
      expect(after).toEqual(before);
      const [{ count }] = await t.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM audit_event WHERE access_reason LIKE '%811228%' OR data::text LIKE '%811228%'`,
      );
      expect(count).toBe(0);
    });
  });
});
