import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { OrganizationType } from '../../src/organizations/organization-type';
import { QueueName } from '../../src/queue/queue-names';
import { eventually } from '../support/eventually';
import { bearer, createOrganization, FixtureOrganization, loginAdmin } from '../support/fixtures';
import { createActiveStep, insertReminders } from '../support/reminder-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** What operators see: the queue dashboard (admins only) and the queue and reminder metrics. */
describe('reminders: dashboard and metrics', () => {
  let t: TestApp;
  let org: FixtureOrganization;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await createOrganization(t.app, OrganizationType.SocialServices, '0180');
    admin = await loginAdmin(t.app);
  });
  afterAll(() => t.close());

  describe('Bull Board at /admin/queues', () => {
    it('answers 401 without credentials, also for its API and assets', async () => {
      for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/images/logo.svg']) {
        const response = await t.http.get(path);
        expect([path, response.status]).toEqual([path, 401]);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
      expect((await t.http.get('/admin/queues').set(bearer('not-a-token'))).status).toBe(401);
      expect((await t.http.get('/admin/queues').set('Cookie', 'samverkan_queues=forged')).status).toBe(401);
    });

    it('answers 403 to signed-in users who are not admins', async () => {
      for (const user of Object.values(org.users)) {
        expect((await t.http.get('/admin/queues/api/queues').set(bearer(user.token))).status).toBe(403);
      }
    });

    it('shows the queues to an admin with a bearer token', async () => {
      const page = await t.http.get('/admin/queues').set(bearer(admin));
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      const api = await t.http.get('/admin/queues/api/queues').set(bearer(admin));
      expect(api.status).toBe(200);
      expect((api.body.queues as { name: string }[]).map((queue) => queue.name).sort()).toEqual([
        'maintenance',
        'reminders',
        'webhooks',
      ]);
    });

    it('opens for a browser with the short-lived cookie, which the API itself does not accept', async () => {
      expect(
        (await t.http.post('/api/v1/admin/queue-dashboard/session').set(bearer(org.users.coordinator.token))).status,
      ).toBe(403);
      expect((await t.http.post('/api/v1/admin/queue-dashboard/session')).status).toBe(401);
      const session = await t.http.post('/api/v1/admin/queue-dashboard/session').set(bearer(admin));
      expect(session.status).toBe(204);
      const cookie = String(session.headers['set-cookie']).split(';')[0];
      expect(session.headers['set-cookie'][0]).toMatch(
        /^samverkan_queues=[^;]+; Path=\/admin\/queues; Max-Age=900; HttpOnly; SameSite=Strict$/,
      );
      expect((await t.http.get('/admin/queues/api/queues').set('Cookie', cookie)).status).toBe(200);
      const token = cookie.slice('samverkan_queues='.length);
      expect((await t.http.get('/api/v1/auth/me').set(bearer(token))).status).toBe(401);
    });
  });

  it('exports queue depth per queue, processed and failed jobs, and reminder lateness', async () => {
    const step = await createActiveStep(t.dataSource);
    const ids = await insertReminders(t.dataSource, step, [new Date(Date.now() + 500), new Date(Date.now() + 800)]);
    await eventually(
      async () => {
        const rows = await t.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM reminder WHERE id = ANY($1::uuid[]) AND status = 'sent'`,
          [ids],
        );
        return rows[0].n === 2;
      },
      10_000,
      'reminders sent',
    );
    const metrics = (await t.http.get('/metrics')).text;
    for (const queue of ['reminders', 'webhooks', 'maintenance']) {
      expect(metrics).toMatch(new RegExp(`queue_depth\\{queue="${queue}",state="delayed"\\} \\d+`));
    }
    expect(Number(/queue_jobs_processed_total\{queue="reminders"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(
      2,
    );
    expect(Number(/reminder_lateness_seconds_count (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
    expect(metrics).toMatch(/reminder_lateness_seconds_bucket\{le="1"\} \d+/);
  });

  it('counts a failed job', async () => {
    const failed = async () =>
      Number(/queue_jobs_failed_total\{queue="reminders"\} (\d+)/.exec((await t.http.get('/metrics')).text)?.[1] ?? 0);
    const before = await failed();
    // A job whose reminder id the database refuses: its one attempt fails.
    await t.app
      .get<Queue>(getQueueToken(QueueName.Reminders))
      .add('reminder.deliver', { reminderId: 'not-a-reminder-id' }, { attempts: 1 });
    await eventually(async () => (await failed()) > before, 10_000, 'the failed job to be counted');
  });
});
