import { OrganizationType } from '../../src/organizations/organization-type';
import { ReminderDeliveryService } from '../../src/reminders/reminder-delivery.service';
import { bearer, createOrganization, FixtureOrganization, loginAdmin } from '../support/fixtures';
import { createPublishedRoutine, routineDefinition, routineStep } from '../support/routine-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** The inbox: a user's own notifications, newest first, filtered and paged; marking one read. */
describe('notifications', () => {
  let t: TestApp;
  let org: FixtureOrganization;
  let other: FixtureOrganization;
  let caseId: string;

  /** Delivers `count` overdue reminders for the case's step, one at a time, oldest first. */
  const deliver = async (count: number, kind = 'overdue') => {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const [{ id }] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO reminder (kind, subject_type, case_id, step_key, organization_id, due_at, queued_at) VALUES ($3, 'case_step', $1, 'report', $2, now(), now()) RETURNING id`,
        [caseId, org.id, kind],
      );
      expect(await t.app.get(ReminderDeliveryService).deliver([id])).toEqual(['sent']);
      ids.push(id);
    }
    return ids;
  };
  const list = (token: string, query = '') => t.http.get(`/api/v1/notifications${query}`).set(bearer(token));

  beforeAll(async () => {
    t = await startTestApp();
    org = await createOrganization(t.app, OrganizationType.SocialServices, '0180');
    other = await createOrganization(t.app, OrganizationType.SocialServices, '0180');
    const routine = await createPublishedRoutine(
      t.dataSource,
      { organizationId: org.id, userId: org.users.coordinator.id },
      routineDefinition([
        routineStep('report', OrganizationType.SocialServices, { dueAfter: 'P10D', dueFrom: 'case_start' }),
      ]),
    );
    const opened = await t.http
      .post('/api/v1/cases')
      .set(bearer(org.users.caseworker.token))
      .send({ routineId: routine.id, participants: [org.id] });
    expect(opened.status).toBe(201);
    caseId = opened.body.id;
  });
  afterAll(() => t.close());

  it("lists the caller's own notifications newest first, page by page", async () => {
    const ids = await deliver(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await list(org.users.caseworker.token, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...(response.body.items as { id: string }[]).map((item) => item.id));
      cursor = response.body.nextCursor;
    } while (cursor);
    const reminderOf = await t.dataSource.query<{ id: string; reminder_id: string }[]>(
      `SELECT id, reminder_id FROM notification WHERE id = ANY($1::uuid[])`,
      [seen],
    );
    const order = seen.map((id) => reminderOf.find((row) => row.id === id)?.reminder_id);
    expect(order).toEqual([...ids].reverse());
    // The coordinator has notifications of their own; the manager none of these kinds.
    expect((await list(org.users.coordinator.token)).body.items).toHaveLength(5);
    expect((await list(org.users.manager.token)).body.items).toEqual([]);
    expect((await list(other.users.caseworker.token)).body.items).toEqual([]);
    expect((await list(await loginAdmin(t.app))).body).toEqual({ items: [], nextCursor: null });
  });

  it('marks a notification read once, audits it, and filters unread', async () => {
    const before = await list(org.users.caseworker.token, '?unread=true');
    const target = before.body.items[0] as { id: string; readAt: string | null };
    expect(target.readAt).toBeNull();
    const read = await t.http.post(`/api/v1/notifications/${target.id}/read`).set(bearer(org.users.caseworker.token));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: target.id, readAt: expect.any(String) });
    const again = await t.http.post(`/api/v1/notifications/${target.id}/read`).set(bearer(org.users.caseworker.token));
    expect(again.body.readAt).toBe(read.body.readAt);
    const unread = await list(org.users.caseworker.token, '?unread=true');
    expect(unread.body.items.map((item: { id: string }) => item.id)).not.toContain(target.id);
    expect(unread.body.items).toHaveLength(before.body.items.length - 1);
    expect(
      (await list(org.users.caseworker.token, '?unread=false')).body.items.map((item: { id: string }) => item.id),
    ).toContain(target.id);
    expect(
      await t.dataSource.query(`SELECT action, actor_user_id FROM audit_event WHERE entity_id = $1`, [target.id]),
    ).toEqual([{ action: 'notification.read', actor_user_id: org.users.caseworker.id }]);
  });

  it("answers 404 for anyone else's notification, 401 without a token, 400 for malformed input", async () => {
    const [theirs] = (await list(org.users.coordinator.token)).body.items as { id: string }[];
    for (const token of [org.users.caseworker.token, org.users.manager.token, other.users.coordinator.token]) {
      expect((await t.http.post(`/api/v1/notifications/${theirs.id}/read`).set(bearer(token))).status).toBe(404);
    }
    expect((await t.http.post(`/api/v1/notifications/${theirs.id}/read`)).status).toBe(401);
    expect((await t.http.get('/api/v1/notifications')).status).toBe(401);
    expect(
      (await t.http.post('/api/v1/notifications/not-a-uuid/read').set(bearer(org.users.coordinator.token))).status,
    ).toBe(400);
    expect((await list(org.users.coordinator.token, '?cursor=bm9wZQ')).status).toBe(400);
    expect((await list(org.users.coordinator.token, '?unread=maybe')).status).toBe(400);
    expect((await list(org.users.coordinator.token, '?limit=500')).status).toBe(400);
  });
});
