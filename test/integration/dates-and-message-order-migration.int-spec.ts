import { DataSource, QueryRunner } from 'typeorm';
import { DatesDeadlinesAndMessageOrder1765100000000 } from '../../migrations/1765100000000-DatesDeadlinesAndMessageOrder';
import { uniqueSuffix } from '../support/test-app';

/**
 * The migration turns the instants kept so far for adoption days into those days (as Swedish calendar days, which is
 * how they were written), fills the new notification deadlines, and numbers the deliveries made before it. It runs
 * in a schema of its own holding the columns it touches as the earlier migrations left them.
 */
describe('migration DatesDeadlinesAndMessageOrder: existing rows', () => {
  let dataSource: DataSource;
  let runner: QueryRunner;
  let schema: string;
  const migration = new DatesDeadlinesAndMessageOrder1765100000000();

  beforeAll(async () => {
    dataSource = new DataSource({ type: 'postgres', url: process.env.SAMVERKAN_TEST_DATABASE_URL });
    await dataSource.initialize();
    runner = dataSource.createQueryRunner();
    schema = `migration_${uniqueSuffix()}`;
    await runner.query(`CREATE SCHEMA ${schema}`);
    await runner.query(`SET search_path TO ${schema}, public`);
    for (const table of [
      `adoption (id int PRIMARY KEY, approved_at timestamptz, last_follow_up_at timestamptz, next_review_due_at timestamptz)`,
      `adoption_follow_up (id int PRIMARY KEY, performed_at timestamptz NOT NULL)`,
      `case_step (case_id uuid, key varchar(64), due_at timestamptz)`,
      `notification (id int PRIMARY KEY, subject_type varchar(16), case_id uuid, step_key varchar(64), due_at timestamptz NOT NULL)`,
      `outbox_event (id int PRIMARY KEY, created_at timestamptz NOT NULL, dispatched_at timestamptz)`,
      `webhook_subscription (id int PRIMARY KEY)`,
      `webhook_delivery (id int PRIMARY KEY, seq bigint GENERATED ALWAYS AS IDENTITY, subscription_id int, redelivery_of int)`,
    ]) {
      await runner.query(`CREATE TABLE ${table}`);
    }
    await runner.query(
      `CREATE INDEX outbox_event_pending_idx ON outbox_event (created_at) WHERE dispatched_at IS NULL`,
    );
  });
  afterAll(async () => {
    await runner.query(`DROP SCHEMA ${schema} CASCADE`);
    await runner.release();
    await dataSource.destroy();
  });

  it('keeps each day as written, fills deadlines, numbers deliveries per subscription; down restores the instants', async () => {
    // Swedish midnights as the service wrote them: 10 March 2025 (winter), 15 July 2025 (summer), 2 March 2028.
    await runner.query(
      `INSERT INTO adoption VALUES (1, '2025-03-09T23:00:00Z', '2025-07-14T22:00:00Z', '2028-03-01T23:00:00Z'), (2, NULL, NULL, NULL)`,
    );
    await runner.query(
      `INSERT INTO adoption_follow_up VALUES (1, '2025-07-14T22:00:00Z'), (2, '2025-07-15T21:59:59Z')`,
    );
    const caseId = '7d1c0a5e-0000-4000-8000-000000000001';
    await runner.query(`INSERT INTO case_step VALUES ($1, 'report', '2026-05-04T10:00:00Z')`, [caseId]);
    await runner.query(
      `INSERT INTO notification VALUES (1, 'case_step', $1, 'report', '2026-05-04T06:00:00Z'), (2, 'adoption', NULL, NULL, '2028-03-01T23:00:00Z')`,
      [caseId],
    );
    await runner.query(`INSERT INTO outbox_event VALUES (10, now(), now()), (11, now(), NULL)`);
    await runner.query(`INSERT INTO webhook_subscription VALUES (1), (2)`);
    // Subscription 1: three messages, the second redelivered twice (a redelivery of a redelivery too); subscription 2: one.
    await runner.query(
      `INSERT INTO webhook_delivery (id, subscription_id, redelivery_of) VALUES (1, 1, NULL), (2, 2, NULL), (3, 1, NULL), (4, 1, 3), (5, 1, NULL), (6, 1, 4)`,
    );

    await migration.up(runner);

    expect(
      await runner.query(
        `SELECT id, approved_at::text, last_follow_up_at::text, next_review_due_at::text FROM adoption ORDER BY id`,
      ),
    ).toEqual([
      { id: 1, approved_at: '2025-03-10', last_follow_up_at: '2025-07-15', next_review_due_at: '2028-03-02' },
      { id: 2, approved_at: null, last_follow_up_at: null, next_review_due_at: null },
    ]);
    expect(await runner.query(`SELECT performed_at::text FROM adoption_follow_up ORDER BY id`)).toEqual([
      { performed_at: '2025-07-15' },
      { performed_at: '2025-07-15' },
    ]);
    expect(
      await runner.query(`SELECT id, remind_at, due_at, review_due_on::text FROM notification ORDER BY id`),
    ).toEqual([
      {
        id: 1,
        remind_at: new Date('2026-05-04T06:00:00Z'),
        due_at: new Date('2026-05-04T10:00:00Z'),
        review_due_on: null,
      },
      { id: 2, remind_at: new Date('2028-03-01T23:00:00Z'), due_at: null, review_due_on: '2028-03-02' },
    ]);
    expect(await runner.query(`SELECT id, seq::int FROM outbox_event ORDER BY seq`)).toEqual([
      { id: 10, seq: 1 },
      { id: 11, seq: 2 },
    ]);
    expect(await runner.query(`SELECT id, sequence::int FROM webhook_delivery ORDER BY id`)).toEqual([
      { id: 1, sequence: 1 },
      { id: 2, sequence: 1 },
      { id: 3, sequence: 2 },
      { id: 4, sequence: 2 },
      { id: 5, sequence: 3 },
      { id: 6, sequence: 2 },
    ]);
    expect(await runner.query(`SELECT id, last_sequence::int FROM webhook_subscription ORDER BY id`)).toEqual([
      { id: 1, last_sequence: 3 },
      { id: 2, last_sequence: 1 },
    ]);
    await expect(
      runner.query(`INSERT INTO webhook_delivery (id, subscription_id, sequence) VALUES (7, 1, 3)`),
    ).rejects.toThrow(/webhook_delivery_subscription_sequence_key/);

    await migration.down(runner);
    expect(await runner.query(`SELECT approved_at, next_review_due_at FROM adoption WHERE id = 1`)).toEqual([
      { approved_at: new Date('2025-03-09T23:00:00Z'), next_review_due_at: new Date('2028-03-01T23:00:00Z') },
    ]);
    expect(await runner.query(`SELECT id, due_at FROM notification ORDER BY id`)).toEqual([
      { id: 1, due_at: new Date('2026-05-04T06:00:00Z') },
      { id: 2, due_at: new Date('2028-03-01T23:00:00Z') },
    ]);
  });
});
