import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - Adoption approvals, follow-ups and review dates are calendar days, not instants: `date` columns (an instant
 *   kept so far is read as its Swedish calendar day, which is how it was written).
 * - A notification keeps when its reminder fell due (`remind_at`) apart from its subject's deadline: the step's due
 *   time (`due_at`), or the adoption's review date (`review_due_on`).
 * - Webhook messages carry a per-subscription sequence number: outbox events get their insertion order (`seq`),
 *   subscriptions count their messages (`last_sequence`), and each first delivery takes the next number (a
 *   redelivery repeats its original's). Every delivery the dispatcher makes has one; the column admits none only
 *   for rows written by hand.
 */
export class DatesDeadlinesAndMessageOrder1765100000000 implements MigrationInterface {
  name = 'DatesDeadlinesAndMessageOrder1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const toDay = (column: string) =>
      `ALTER COLUMN ${column} TYPE date USING (${column} AT TIME ZONE 'Europe/Stockholm')::date`;
    await queryRunner.query(
      `ALTER TABLE adoption ${['approved_at', 'last_follow_up_at', 'next_review_due_at'].map(toDay).join(', ')}`,
    );
    await queryRunner.query(`ALTER TABLE adoption_follow_up ${toDay('performed_at')}`);

    await queryRunner.query(`ALTER TABLE notification RENAME COLUMN due_at TO remind_at`);
    await queryRunner.query(`ALTER TABLE notification ADD COLUMN due_at timestamptz, ADD COLUMN review_due_on date`);
    await queryRunner.query(`
      UPDATE notification n SET due_at = s.due_at
        FROM case_step s WHERE n.subject_type = 'case_step' AND s.case_id = n.case_id AND s.key = n.step_key`);
    await queryRunner.query(
      `UPDATE notification SET review_due_on = (remind_at AT TIME ZONE 'Europe/Stockholm')::date WHERE subject_type = 'adoption'`,
    );

    await queryRunner.query(`ALTER TABLE outbox_event ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY`);
    await queryRunner.query(`DROP INDEX outbox_event_pending_idx`);
    await queryRunner.query(`CREATE INDEX outbox_event_pending_idx ON outbox_event (seq) WHERE dispatched_at IS NULL`);
    await queryRunner.query(`ALTER TABLE webhook_subscription ADD COLUMN last_sequence bigint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE webhook_delivery ADD COLUMN sequence bigint`);
    await queryRunner.query(`
      UPDATE webhook_delivery d SET sequence = numbered.n
        FROM (SELECT id, row_number() OVER (PARTITION BY subscription_id ORDER BY seq) AS n FROM webhook_delivery WHERE redelivery_of IS NULL) numbered
       WHERE d.id = numbered.id`);
    await queryRunner.query(`
      WITH RECURSIVE chain AS (
        SELECT id, sequence FROM webhook_delivery WHERE redelivery_of IS NULL
        UNION ALL
        SELECT d.id, chain.sequence FROM webhook_delivery d JOIN chain ON d.redelivery_of = chain.id)
      UPDATE webhook_delivery d SET sequence = chain.sequence FROM chain WHERE d.id = chain.id AND d.redelivery_of IS NOT NULL`);
    await queryRunner.query(`
      UPDATE webhook_subscription s SET last_sequence = m.last FROM (SELECT subscription_id, max(sequence) AS last FROM webhook_delivery GROUP BY 1) m
       WHERE m.subscription_id = s.id`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX webhook_delivery_subscription_sequence_key ON webhook_delivery (subscription_id, sequence) WHERE redelivery_of IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX webhook_delivery_subscription_sequence_key`);
    await queryRunner.query(`ALTER TABLE webhook_delivery DROP COLUMN sequence`);
    await queryRunner.query(`ALTER TABLE webhook_subscription DROP COLUMN last_sequence`);
    await queryRunner.query(`DROP INDEX outbox_event_pending_idx`);
    await queryRunner.query(`ALTER TABLE outbox_event DROP COLUMN seq`);
    await queryRunner.query(
      `CREATE INDEX outbox_event_pending_idx ON outbox_event (created_at) WHERE dispatched_at IS NULL`,
    );

    await queryRunner.query(`ALTER TABLE notification DROP COLUMN review_due_on, DROP COLUMN due_at`);
    await queryRunner.query(`ALTER TABLE notification RENAME COLUMN remind_at TO due_at`);

    const toInstant = (column: string) =>
      `ALTER COLUMN ${column} TYPE timestamptz USING (${column}::timestamp AT TIME ZONE 'Europe/Stockholm')`;
    await queryRunner.query(`ALTER TABLE adoption_follow_up ${toInstant('performed_at')}`);
    await queryRunner.query(
      `ALTER TABLE adoption ${['approved_at', 'last_follow_up_at', 'next_review_due_at'].map(toInstant).join(', ')}`,
    );
  }
}
