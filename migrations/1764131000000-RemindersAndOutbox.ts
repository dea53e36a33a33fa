import { MigrationInterface, QueryRunner } from 'typeorm';

export class RemindersAndOutbox1764131000000 implements MigrationInterface {
  name = 'RemindersAndOutbox1764131000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE reminder (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(16) NOT NULL CHECK (kind IN ('due_soon','overdue','escalation','review_due')),
        subject_type varchar(16) NOT NULL CHECK (subject_type IN ('case_step','adoption')),
        case_id uuid,
        step_key varchar(64),
        adoption_id uuid,
        organization_id uuid NOT NULL REFERENCES organization(id),
        due_at timestamptz NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','cancelled','obsolete')),
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((subject_type = 'case_step' AND case_id IS NOT NULL AND step_key IS NOT NULL) OR (subject_type = 'adoption' AND adoption_id IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX reminder_pending_due_idx ON reminder (due_at) WHERE status = 'pending'`);
    await queryRunner.query(
      `CREATE INDEX reminder_case_step_idx ON reminder (case_id, step_key) WHERE case_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX reminder_adoption_idx ON reminder (adoption_id) WHERE adoption_id IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE outbox_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type varchar(100) NOT NULL,
        organization_ids uuid[] NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_event_pending_idx ON outbox_event (created_at) WHERE dispatched_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outbox_event, reminder`);
  }
}
