import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import type { AppConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runMigrations } from '../../src/database/database.module';
import { OrganizationType } from '../../src/organizations/organization-type';
import { QueueMetrics } from '../../src/queue/queue-metrics';
import { eventually, sleep } from '../support/eventually';
import { bearer, createOrganization, FIXTURE_PASSWORD, FixtureOrganization } from '../support/fixtures';
import { PrivatePostgres, startPrivatePostgres } from '../support/private-postgres';
import { createActiveStep, deliveryCounts, insertReminders } from '../support/reminder-fixtures';
import { createPublishedRoutine, routineDefinition, routineStep } from '../support/routine-fixtures';
import { startTestApp, testConfig, TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-services';
import { startWebhookReceiver, WebhookReceiver } from '../support/webhook-receiver';

const RECOVERY_LIMIT_MS = 10_000;
const CLIENTS = 6;

interface Outcome {
  action: string;
  status: number;
  contentType?: string;
  retryAfter?: string;
  code?: string;
}

/**
 * PostgreSQL stops under load (`pg_ctl stop -m fast`, then `-m immediate`) and comes back. The API (role api) and
 * the worker (role worker, its own application context and pool, as `node dist/src/worker.js` builds it) run here
 * against a PostgreSQL of this suite's own. While it is down every request that needs it gets 503
 * problem+json with Retry-After (never 401 or 500); every write acknowledged with 2xx is there afterwards; both
 * recover by themselves within 10 s, without a stack trace in the logs.
 */
describe('PostgreSQL restarting under load', () => {
  let pg: PrivatePostgres;
  let api: TestApp;
  let worker: INestApplicationContext;
  let receiver: WebhookReceiver;
  let social: FixtureOrganization;
  let routineId: string;
  let warnings: jest.SpyInstance;
  let errors: jest.SpyInstance;
  const lines = (spy: jest.SpyInstance) =>
    spy.mock.calls.map((args: unknown[]) =>
      args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '),
    );

  beforeAll(async () => {
    warnings = jest.spyOn(Logger.prototype, 'warn');
    errors = jest.spyOn(Logger.prototype, 'error');
    pg = await startPrivatePostgres();
    const migrator = await new DataSource(
      dataSourceOptions({ database: { mode: 'server', url: pg.url, poolSize: 2, migrationsRun: true } }),
    ).initialize();
    await runMigrations(migrator);

    await migrator.destroy();
    const shared: Partial<AppConfig> = {
      database: { mode: 'server', url: pg.url, poolSize: 8, migrationsRun: false },
      queue: { backend: 'redis', redisUrl: TEST_REDIS_URL, prefix: `pg-restart-${randomBytes(3).toString('hex')}` },
    };
    api = await startTestApp({ ...shared, role: 'api' });
    worker = await NestFactory.createApplicationContext(AppModule.forRoot(testConfig({ ...shared, role: 'worker' })), {
      bufferLogs: true,
    });
    worker.useLogger(worker.get(PinoLogger));
    receiver = await startWebhookReceiver();
    social = await createOrganization(api.app, OrganizationType.SocialServices, '0180');
    ({ id: routineId } = await createPublishedRoutine(
      api.dataSource,
      { organizationId: social.id, userId: social.users.coordinator.id },
      routineDefinition([
        routineStep('report', OrganizationType.SocialServices, {
          dueAfter: 'P7D',
          dueFrom: 'case_start',
          outcomeCodes: ['reported'],
        }),
      ]),
    ));
    const subscribed = await api.http
      .post('/api/v1/webhooks')
      .set(bearer(social.users.coordinator.token))
      .send({ url: `${receiver.url}/hooks/restart`, events: ['case.created'] });
    expect(subscribed.status).toBe(201);
  }, 90_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await worker?.close();
    await api?.close();
    await receiver?.close();
    await pg?.close();
  }, 60_000);

  it('answers 503 while it is down, loses no acknowledged write, and recovers within 10 s', async () => {
    const outcomes: Outcome[] = [];
    const opened: string[] = [];
    const completable: string[] = [];
    const completed: string[] = [];
    let loadRunning = true;

    const openCase = () =>
      api.http
        .post('/api/v1/cases')
        .set(bearer(social.users.caseworker.token))
        .send({ routineId, participants: [social.id] });
    const record = (action: string, response: { status: number; headers: Record<string, string>; body: unknown }) => {
      outcomes.push({
        action,
        status: response.status,
        contentType: response.headers['content-type'],
        retryAfter: response.headers['retry-after'],
        code: (response.body as { code?: string } | undefined)?.code,
      });
      return response.status;
    };
    const step = async (client: number, round: number) => {
      const token = social.users.caseworker.token;
      const choice = (client + round) % 5;
      if (choice === 0 || choice === 1) {
        const response = await openCase();
        if (record('open case', response) === 201) {
          const { id } = response.body as { id: string };
          opened.push(id);
          completable.push(id);
        }
      } else if (choice === 2 && completable.length > 0) {
        // A completion answered 503 may still have committed: its case is not tried again.
        const caseId = completable.shift() as string;
        const response = await api.http
          .post(`/api/v1/cases/${caseId}/steps/report/complete`)
          .set(bearer(token))
          .send({ outcomeCode: 'reported' });
        if (record('complete step', response) === 200) {
          completed.push(caseId);
        }
      } else if (choice === 3 && opened.length > 0) {
        record('read case', await api.http.get(`/api/v1/cases/${opened[round % opened.length]}`).set(bearer(token)));
      } else if (client === 0 && round % 10 === 4) {
        // Public, and it needs the database: the sign-in.
        record(
          'sign in',
          await api.http
            .post('/api/v1/auth/login')
            .send({ email: social.users.caseworker.email, password: FIXTURE_PASSWORD }),
        );
      } else {
        record('list cases', await api.http.get('/api/v1/cases?limit=5').set(bearer(token)));
      }
    };
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      for (let round = 0; loadRunning; round += 1) {
        await step(client, round);
        await sleep(25);
      }
    });

    /** Time from the database's return to the API's first successful read. */
    const apiRecovery = async (restartedAt: number) => {
      await eventually(
        async () => (await api.http.get('/api/v1/cases?limit=1').set(bearer(social.users.caseworker.token))).ok,
        RECOVERY_LIMIT_MS,
        'the API to answer again',
      );
      return Date.now() - restartedAt;
    };

    await sleep(1500);
    // Reminders that fall due while the database is down: their jobs meet the outage, and are delivered after it.
    const reminderStep = await createActiveStep(api.dataSource);
    const reminders = await insertReminders(
      api.dataSource,
      reminderStep,
      Array.from({ length: 20 }, () => new Date(Date.now() + 3000)),
    );
    // Queued as delayed jobs before the stop, so that it is the jobs that meet the outage.
    await eventually(
      async () => {
        const [{ queued }] = await api.dataSource.query<{ queued: number }[]>(
          `SELECT count(*)::int AS queued FROM reminder WHERE id = ANY($1::uuid[]) AND queued_at IS NOT NULL`,
          [reminders],
        );
        return queued === reminders.length;
      },
      5000,
      'the reminders to be queued',
    );

    await pg.stop('fast');
    await sleep(3000);
    await pg.start();
    const firstRestart = Date.now();
    const firstApiRecoveryMs = await apiRecovery(firstRestart);
    await eventually(
      async () => (await deliveryCounts(api.dataSource, reminders)).sent === reminders.length,
      RECOVERY_LIMIT_MS,
      'the reminders due during the outage to be sent',
    );
    const reminderRecoveryMs = Date.now() - firstRestart;

    await sleep(1500);
    await pg.stop('immediate');
    await sleep(2500);
    await pg.start();
    const secondRestart = Date.now();
    const secondApiRecoveryMs = await apiRecovery(secondRestart);
    const probe = await openCase();
    expect(probe.status).toBe(201);
    const probeId = (probe.body as { id: string }).id;
    opened.push(probeId);
    await eventually(
      () =>
        Promise.resolve(
          receiver.received.some(
            (message) => (JSON.parse(message.body) as { data: { caseId?: string } }).data.caseId === probeId,
          ),
        ),
      RECOVERY_LIMIT_MS,
      'a webhook for a case opened after the restart',
    );
    const webhookRecoveryMs = Date.now() - secondRestart;
    loadRunning = false;
    await Promise.all(clients);

    // Every answer: a success, or a 503 problem that says when to come back.
    const refused = outcomes.filter(
      (outcome) =>
        !(outcome.status >= 200 && outcome.status < 300) &&
        !(
          outcome.status === 503 &&
          outcome.contentType?.startsWith('application/problem+json') &&
          Number(outcome.retryAfter) > 0 &&
          outcome.code
        ),
    );
    // No stack traces, no "unexpected error" (a 500 would be one).
    expect(lines(errors)).toEqual([]);
    expect(refused).toEqual([]);
    const unavailable = outcomes.filter((outcome) => outcome.status === 503);
    expect(unavailable.length).toBeGreaterThan(CLIENTS);
    // Writes and reads alike met the outage.
    const metOutage = new Set(unavailable.map((outcome) => outcome.action));
    expect(['open case', 'list cases'].filter((action) => !metOutage.has(action))).toEqual([]);

    // Every acknowledged write is in the database.
    const [{ cases, steps }] = await api.dataSource.query<{ cases: number; steps: number }[]>(
      `SELECT (SELECT count(*)::int FROM collaboration_case WHERE id = ANY($1::uuid[])) AS cases,
              (SELECT count(*)::int FROM case_step WHERE case_id = ANY($2::uuid[]) AND key = 'report' AND status = 'done') AS steps`,
      [opened, completed],
    );
    expect({ cases, steps }).toEqual({ cases: opened.length, steps: completed.length });
    expect(opened.length).toBeGreaterThan(10);
    expect(completed.length).toBeGreaterThan(3);

    // Recovery by themselves, and the reminders delivered once each, no job failed over the outage.
    expect(Math.max(firstApiRecoveryMs, secondApiRecoveryMs, reminderRecoveryMs, webhookRecoveryMs)).toBeLessThan(
      RECOVERY_LIMIT_MS,
    );
    expect(await deliveryCounts(api.dataSource, reminders)).toMatchObject({ sent: 20, duplicated: 0, audited: 20 });
    const failedJobs = (await worker.get(QueueMetrics).failed.get()).values.reduce((sum, { value }) => sum + value, 0);
    expect(failedJobs).toBe(0);

    // At most one warning per outage from each part that met it.
    const warned = new Map<string, number>();
    for (const line of lines(warnings)) {
      const kind = line.replace(/\(.*?\)/g, '()');
      warned.set(kind, (warned.get(kind) ?? 0) + 1);
    }
    expect([...warned].filter(([, count]) => count > 2)).toEqual([]);
    process.stdout.write(
      `postgres-restart: ${outcomes.length} requests, ${unavailable.length} answered 503; ` +
        `API back after ${firstApiRecoveryMs} and ${secondApiRecoveryMs} ms, reminders after ${reminderRecoveryMs} ms, ` +
        `webhook after ${webhookRecoveryMs} ms; warnings: ${JSON.stringify([...warned])}\n`,
    );
  }, 60_000);
});
