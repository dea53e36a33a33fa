import { randomBytes } from 'node:crypto';
import { OrganizationType } from '../../src/organizations/organization-type';
import { eventually, sleep } from '../support/eventually';
import { bearer, createOrganization } from '../support/fixtures';
import { PrivateRedis, startPrivateRedis } from '../support/redis-server';
import { createActiveStep, deliveryCounts, insertReminders } from '../support/reminder-fixtures';
import { createPublishedRoutine, routineDefinition, routineStep } from '../support/routine-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { startWorkerProcess, WorkerProcess } from '../support/worker-process';

const secondsFromNow = (count: number, fromSeconds: number, spreadSeconds: number) =>
  Array.from(
    { length: count },
    (_, index) => new Date(Date.now() + (fromSeconds + (spreadSeconds * index) / count) * 1000),
  );

/**
 * "Nothing lost": Redis loses everything (FLUSHALL), or is down for 30 seconds, while reminders are pending.
 * The API runs here (role api); the worker is the compiled worker in a child process; Redis is this suite's own.
 */
describe('reminders survive the loss of Redis', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let worker: WorkerProcess;
  const prefix = `loss-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    t = await startTestApp({ role: 'api', queue: { backend: 'redis', redisUrl: redis.url, prefix } });
    worker = await startWorkerProcess({ redisUrl: redis.url, prefix });
  });
  afterAll(async () => {
    await redis?.start();
    await worker?.stop();
    await t?.close();
    await redis?.close();
  }, 60_000);

  it('delivers every pending reminder once after FLUSHALL', async () => {
    const step = await createActiveStep(t.dataSource);
    const ids = await insertReminders(t.dataSource, step, secondsFromNow(200, 6, 2));
    await eventually(
      async () => {
        const [{ queued }] = await t.dataSource.query<
          {
            queued: number;
          }[]
        >(`SELECT count(*)::int AS queued FROM reminder WHERE id = ANY($1::uuid[]) AND queued_at IS NOT NULL`, [ids]);
        return queued === ids.length;
      },
      5000,
      'all reminders queued',
    );
    expect(await redis.client().flushall()).toBe('OK');

    await eventually(
      async () => (await deliveryCounts(t.dataSource, ids)).sent === ids.length,
      40_000,
      'every reminder sent',
    );
    await sleep(1500);
    expect(await deliveryCounts(t.dataSource, ids)).toEqual({
      reminders: 200,
      sent: 200,
      notifications: 400,
      duplicated: 0,
      audited: 200,
      outbox: 200,
    });
    expect(worker.output()).toMatch(/reminders: \d+ missing jobs enqueued again/);
  });

  it('keeps the API answering case changes while Redis is down for 30 s; the queue catches up afterwards', async () => {
    const social = await createOrganization(t.app, OrganizationType.SocialServices, '0180');
    const routine = await createPublishedRoutine(
      t.dataSource,
      { organizationId: social.id, userId: social.users.coordinator.id },
      routineDefinition([
        routineStep('report', OrganizationType.SocialServices, {
          dueAfter: 'PT5S',
          dueFrom: 'case_start',
          outcomeCodes: ['reported'],
        }),
        routineStep('follow_up', OrganizationType.SocialServices, {
          dependsOn: ['report'],
          dueAfter: 'PT3S',
          outcomeCodes: ['done'],
        }),
      ]),
    );
    const openCase = () =>
      t.http
        .post('/api/v1/cases')
        .set(bearer(social.users.caseworker.token))
        .send({ routineId: routine.id, participants: [social.id] });
    // Queued before the outage: these jobs die with Redis.
    const before = await openCase();
    expect(before.status).toBe(201);
    await eventually(
      async () => {
        const rows = await t.dataSource.query<{ queued_at: Date | null }[]>(
          `SELECT queued_at FROM reminder WHERE case_id = $1`,
          [before.body.id],
        );
        return rows.length > 0 && rows.every((row) => row.queued_at !== null);
      },
      5000,
      'queued',
    );

    await redis.stop();
    const outageStarted = Date.now();
    const caseIds: string[] = [before.body.id];
    let slowest = 0;
    while (Date.now() - outageStarted < 30_000) {
      const started = Date.now();
      const opened = await openCase();
      expect(opened.status).toBe(201);
      caseIds.push(opened.body.id);
      if (caseIds.length % 2 === 0) {
        const completed = await t.http
          .post(`/api/v1/cases/${opened.body.id}/steps/report/complete`)
          .set(bearer(social.users.caseworker.token))
          .send({ outcomeCode: 'reported' });
        expect(completed.status).toBe(200);
      }
      slowest = Math.max(slowest, Date.now() - started);
      const health = await t.http.get('/health');
      expect(health.status).toBe(503);
      // Still ready: a load balancer keeps sending it the requests it can serve.
      expect((await t.http.get('/health/ready')).status).toBe(200);
      await sleep(2000);
    }
    expect(slowest).toBeLessThan(1000);
    const written = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM reminder WHERE case_id = ANY($1::uuid[]) AND status = 'pending'`,
      [caseIds],
    );
    expect(written[0].n).toBeGreaterThan(5);

    await redis.start();
    const pendingDue = async () =>
      (
        await t.dataSource.query<
          {
            n: number;
          }[]
        >(
          `SELECT count(*)::int AS n FROM reminder WHERE case_id = ANY($1::uuid[]) AND status = 'pending' AND due_at < now()`,
          [caseIds],
        )
      )[0].n;
    await eventually(async () => (await pendingDue()) === 0, 40_000, 'the queue to catch up');
    await eventually(async () => (await t.http.get('/health')).status === 200, 10_000, 'health to recover');

    const settled = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM reminder WHERE case_id = ANY($1::uuid[]) AND status = 'sent'`,
      [caseIds],
    );
    const counts = await deliveryCounts(
      t.dataSource,
      settled.map((row) => row.id),
    );
    expect(counts.sent).toBeGreaterThan(5);
    expect(counts).toEqual({
      reminders: counts.sent,
      sent: counts.sent,
      notifications: 2 * counts.sent,
      duplicated: 0,
      audited: counts.sent,
      outbox: counts.sent,
    });
  }, 120_000);
});
