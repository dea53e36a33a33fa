import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { reminderJobId } from '../../src/reminders/reminder-queue';
import { eventually, sleep } from '../support/eventually';
import { PrivateRedis, startPrivateRedis } from '../support/redis-server';
import { ActiveStep, createActiveStep, deliveryCounts, insertReminders } from '../support/reminder-fixtures';
import { startTestApp, testConfig, TestApp } from '../support/test-app';
import { startWorkerProcess, WorkerProcess } from '../support/worker-process';

const EXACTLY_ONCE = (count: number) => ({
  reminders: count,
  sent: count,
  notifications: 2 * count,
  duplicated: 0,
  audited: count,
  outbox: count,
});

/**
 * Worker processes (the compiled worker, as production runs it) killed mid-delivery, two at once, and asked to
 * stop: every reminder is delivered exactly once.
 */
describe('reminder workers', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let queue: Queue;
  let step: ActiveStep;
  let holder: Client;
  const workers: WorkerProcess[] = [];
  const prefix = `workers-${randomBytes(3).toString('hex')}`;
  const startWorker = async (env: Record<string, string> = {}) => {
    const worker = await startWorkerProcess({ redisUrl: redis.url, prefix }, 30_000, env);
    workers.push(worker);
    return worker;
  };
  const statusOf = async (id: string) =>
    (await t.dataSource.query<{ status: string }[]>(`SELECT status FROM reminder WHERE id = $1`, [id]))[0].status;

  /** Holds the reminder row locked, so a worker delivering it waits mid-transaction. */
  const lockReminder = async (id: string) => {
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM reminder WHERE id = $1 FOR UPDATE`, [id]);
    return () => holder.query('ROLLBACK');
  };
  const dueSoon = async () => {
    const [id] = await insertReminders(t.dataSource, step, [new Date(Date.now() + 1000)]);
    return id;
  };
  const activeJob = (id: string) =>
    eventually(async () => (await queue.getJobState(reminderJobId(id))) === 'active', 10_000, 'the job to be active');

  beforeAll(async () => {
    redis = await startPrivateRedis();
    t = await startTestApp({ role: 'api', queue: { backend: 'redis', redisUrl: redis.url, prefix } });
    queue = new Queue('reminders', { connection: { url: redis.url }, prefix: `{${prefix}}` });
    step = await createActiveStep(t.dataSource);
    holder = new Client({ connectionString: testConfig().database.url });
    await holder.connect();
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await queue?.close();
    await holder?.end();
    await t?.close();
    await redis?.close();
  }, 60_000);

  it('retries a delivery whose worker was killed before it committed, without a duplicate', async () => {
    const first = await startWorker();
    const id = await dueSoon();
    const release = await lockReminder(id);
    await activeJob(id);
    await sleep(300);
    first.signal('SIGKILL');
    await first.exited;
    await release();
    expect(await statusOf(id)).toBe('pending');

    await startWorker();
    await eventually(
      async () => (await queue.getJobState(reminderJobId(id))) === 'completed',
      45_000,
      'the stalled job to be retried',
    );
    expect(await deliveryCounts(t.dataSource, [id])).toEqual(EXACTLY_ONCE(1));
  }, 70_000);

  it('does not deliver twice when the worker was killed after its commit but before the queue heard of it', async () => {
    const worker = workers[workers.length - 1];
    const id = await dueSoon();
    const release = await lockReminder(id);
    await activeJob(id);
    const admin = redis.client();
    // Writes to the queue now block: the delivery commits, but the job cannot be marked completed.
    await admin.call('CLIENT', 'PAUSE', '60000', 'WRITE');
    await release();
    await eventually(async () => (await statusOf(id)) === 'sent', 10_000, 'the delivery to commit');
    worker.signal('SIGKILL');
    await worker.exited;
    await admin.call('CLIENT', 'UNPAUSE');
    expect(await queue.getJobState(reminderJobId(id))).toBe('active');

    await startWorker();
    await eventually(
      async () => (await queue.getJobState(reminderJobId(id))) === 'completed',
      45_000,
      'the stalled job to run again',
    );
    expect(await deliveryCounts(t.dataSource, [id])).toEqual(EXACTLY_ONCE(1));
  }, 70_000);

  it('with two workers delivers every reminder exactly once, and both take part', async () => {
    // The worker started by the previous test, and one more.
    await startWorker();
    const running = workers.slice(-2);
    const processed = async (worker: WorkerProcess) => {
      // The port is logged once the metrics server listens, which can be just after "Worker ready".
      const port = await eventually(
        () => /Worker metrics on port (\d+)/.exec(worker.output())?.[1],
        10_000,
        'the worker metrics port',
      );
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return Number(/queue_jobs_processed_total\{queue="reminders"\} (\d+)/.exec(metrics)?.[1] ?? 0);
    };
    // Counted from here: the older worker has processed jobs of the previous test.
    const before = await Promise.all(running.map(processed));
    const ids = await insertReminders(
      t.dataSource,
      step,
      Array.from({ length: 1000 }, (_, index) => new Date(Date.now() + 3000 + index * 3)),
    );
    await eventually(
      async () => (await deliveryCounts(t.dataSource, ids)).sent === ids.length,
      40_000,
      'every reminder sent',
    );
    await sleep(1000);
    expect(await deliveryCounts(t.dataSource, ids)).toEqual(EXACTLY_ONCE(1000));
    const after = await Promise.all(running.map(processed));
    running.forEach((_, index) => expect(after[index] - before[index]).toBeGreaterThan(0));
  }, 60_000);

  it('on SIGTERM finishes its active job before it exits', async () => {
    for (const earlier of workers.splice(0)) {
      await earlier.stop();
    }
    const worker = await startWorker();
    const id = await dueSoon();
    const release = await lockReminder(id);
    await activeJob(id);
    worker.signal('SIGTERM');
    await sleep(1500);
    expect(await statusOf(id)).toBe('pending');
    let exited = false;
    void worker.exited.then(() => (exited = true));
    expect(exited).toBe(false);
    await release();
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(await statusOf(id)).toBe('sent');
    expect(await queue.getJobState(reminderJobId(id))).toBe('completed');
    expect(await deliveryCounts(t.dataSource, [id])).toEqual(EXACTLY_ONCE(1));
  }, 60_000);

  it('on SIGTERM exits after its grace period when an active job cannot finish; the job rolls back and runs again elsewhere, once', async () => {
    for (const earlier of workers.splice(0)) {
      await earlier.stop();
    }
    const stuck = await startWorker({ WORKER_SHUTDOWN_GRACE_SECONDS: '2' });
    const id = await dueSoon();
    const release = await lockReminder(id);
    await activeJob(id);
    const signalled = Date.now();
    stuck.signal('SIGTERM');
    expect(await stuck.exited).toEqual({ code: 1, signal: null });
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(stuck.output()).toContain('Active jobs did not finish within 2 s of SIGTERM');
    await release();
    expect(await statusOf(id)).toBe('pending');
    await startWorker();
    // The stuck job's lock (15 s) expires and the new worker's stalled-job check (every 10 s) runs it again.
    await eventually(async () => (await statusOf(id)) === 'sent', 45_000, 'the handed-back reminder to be delivered');
    expect(await deliveryCounts(t.dataSource, [id])).toEqual(EXACTLY_ONCE(1));
  }, 90_000);
});
