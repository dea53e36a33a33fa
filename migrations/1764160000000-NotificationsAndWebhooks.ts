import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationsAndWebhooks1764160000000 implements MigrationInterface {
  name = 'NotificationsAndWebhooks1764160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // When the worker last put the row's job on the queue. NULL: not queued yet (or its job was removed).
    await queryRunner.query(`ALTER TABLE reminder ADD COLUMN queued_at timestamptz`);
    await queryRunner.query(
      `CREATE INDEX reminder_unqueued_idx ON reminder (due_at, id) WHERE status = 'pending' AND queued_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX reminder_queued_idx ON reminder (id) WHERE status = 'pending' AND queued_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX reminder_cancelled_queued_idx ON reminder (id) WHERE status = 'cancelled' AND queued_at IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        reminder_id uuid NOT NULL REFERENCES reminder(id),
        user_id uuid NOT NULL REFERENCES app_user(id),
        organization_id uuid NOT NULL REFERENCES organization(id),
        kind varchar(16) NOT NULL CHECK (kind IN ('due_soon','overdue','escalation','review_due')),
        subject_type varchar(16) NOT NULL CHECK (subject_type IN ('case_step','adoption')),
        case_id uuid,
        case_number varchar(32),
        step_key varchar(64),
        adoption_id uuid,
        title varchar(200),
        due_at timestamptz NOT NULL,
        link varchar(200) NOT NULL,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_reminder_user_key UNIQUE (reminder_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX notification_user_idx ON notification (user_id, seq)`);
    await queryRunner.query(
      `CREATE INDEX notification_user_unread_idx ON notification (user_id, seq) WHERE read_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE webhook_subscription (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id),
        url varchar(2000) NOT NULL,
        events text[] NOT NULL CHECK (cardinality(events) > 0),
        secret_ciphertext text NOT NULL,
        previous_secret_ciphertext text,
        previous_secret_expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX webhook_subscription_organization_idx ON webhook_subscription (organization_id) WHERE deleted_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE webhook_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        subscription_id uuid NOT NULL REFERENCES webhook_subscription(id),
        outbox_event_id uuid REFERENCES outbox_event(id),
        redelivery_of uuid REFERENCES webhook_delivery(id),
        message_id varchar(64) NOT NULL,
        event_type varchar(100) NOT NULL,
        body text NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','succeeded','failed','cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        last_status_code integer,
        last_error varchar(32),
        last_attempt_at timestamptz,
        queued_at timestamptz,
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One first delivery per event and subscription, however often the outbox dispatch runs.
    await queryRunner.query(
      `CREATE UNIQUE INDEX webhook_delivery_event_subscription_key ON webhook_delivery (outbox_event_id, subscription_id) WHERE redelivery_of IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX webhook_delivery_subscription_idx ON webhook_delivery (subscription_id, seq)`,
    );
    await queryRunner.query(
      `CREATE INDEX webhook_delivery_unqueued_idx ON webhook_delivery (created_at, id) WHERE status = 'pending' AND queued_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX webhook_delivery_queued_idx ON webhook_delivery (id) WHERE status = 'pending' AND queued_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE webhook_delivery, webhook_subscription, notification`);
    await queryRunner.query(`DROP INDEX reminder_cancelled_queued_idx, reminder_queued_idx, reminder_unqueued_idx`);
    await queryRunner.query(`ALTER TABLE reminder DROP COLUMN queued_at`);
  }
}
