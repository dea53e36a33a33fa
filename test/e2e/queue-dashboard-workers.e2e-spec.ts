import { bearer, loginAdmin } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** Server mode (BullMQ on Redis): the queue dashboard lists the workers that consume each queue. Embedded mode: embedded-load.e2e-spec.ts. */
describe('queue dashboard workers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('shows a worker on every queue while the worker runs', async () => {
    const admin = await loginAdmin(t.app);
    const response = await t.http.get('/admin/queues/api/queues').set(bearer(admin));
    expect(response.status).toBe(200);
    const queues = response.body.queues as { name: string; hasWorkers: boolean | null }[];
    expect(Object.fromEntries(queues.map((queue) => [queue.name, queue.hasWorkers]))).toEqual({
      reminders: true,
      webhooks: true,
      maintenance: true,
    });
    const workers = await t.http.get('/admin/queues/api/queues/reminders/workers').set(bearer(admin));
    expect(workers.body.workers).toHaveLength(1);
  });
});
