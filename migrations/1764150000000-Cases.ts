import { MigrationInterface, QueryRunner } from 'typeorm';

export class Cases1764150000000 implements MigrationInterface {
  name = 'Cases1764150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Gapless case numbers per year: the row lock serialises concurrent creations, a rollback gives the number back.
    await queryRunner.query(`
      CREATE TABLE case_number_counter (
        year smallint PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),
        last_value integer NOT NULL CHECK (last_value BETWEEN 1 AND 999999)
      )`);
    await queryRunner.query(`
      CREATE TABLE collaboration_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_number varchar(16) NOT NULL UNIQUE CHECK (case_number ~ '^SAM-[0-9]{4}-[0-9]{6}$'),
        routine_id uuid NOT NULL,
        routine_version integer NOT NULL,
        status varchar(8) NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
        opened_at timestamptz NOT NULL,
        opened_by uuid NOT NULL REFERENCES app_user(id),
        opened_by_organization_id uuid NOT NULL REFERENCES organization(id),
        closed_at timestamptz,
        closed_by uuid REFERENCES app_user(id),
        closure_code varchar(50),
        reference_hmac bytea,
        reference_organization_id uuid REFERENCES organization(id),
        FOREIGN KEY (routine_id, routine_version) REFERENCES routine_version(routine_id, version),
        CHECK ((reference_hmac IS NULL) = (reference_organization_id IS NULL)),
        CHECK ((status = 'closed') = (closed_at IS NOT NULL AND closure_code IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX collaboration_case_routine_idx ON collaboration_case (routine_id, routine_version)`,
    );
    await queryRunner.query(`CREATE INDEX collaboration_case_opened_idx ON collaboration_case (opened_at)`);
    // Lookup by pseudonymised reference, and the repeat check over the previous 12 months.
    await queryRunner.query(
      `CREATE INDEX collaboration_case_reference_idx ON collaboration_case (reference_organization_id, reference_hmac, opened_at) WHERE reference_hmac IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE case_participant (
        case_id uuid NOT NULL REFERENCES collaboration_case(id),
        organization_id uuid NOT NULL REFERENCES organization(id),
        PRIMARY KEY (case_id, organization_id)
      )`);
    // "My cases": every case an organisation takes part in.
    await queryRunner.query(
      `CREATE INDEX case_participant_organization_idx ON case_participant (organization_id, case_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE case_step (
        case_id uuid NOT NULL REFERENCES collaboration_case(id),
        key varchar(64) NOT NULL,
        position smallint NOT NULL,
        title varchar(200) NOT NULL,
        owner_organization_id uuid NOT NULL REFERENCES organization(id),
        status varchar(8) NOT NULL CHECK (status IN ('waiting','active','done','skipped')),
        depends_on text[] NOT NULL,
        due_after varchar(40) NOT NULL,
        due_from varchar(20) NOT NULL CHECK (due_from IN ('case_start','dependencies_done')),
        working_days boolean NOT NULL,
        remind_before varchar(40),
        escalate_after varchar(40),
        outcome_codes text[] NOT NULL,
        activated_at timestamptz,
        due_at timestamptz,
        completed_at timestamptz,
        completed_by uuid REFERENCES app_user(id),
        outcome_code varchar(50),
        reason_code varchar(50),
        note varchar(2000),
        met_deadline boolean,
        PRIMARY KEY (case_id, key),
        CHECK (status <> 'waiting' OR (activated_at IS NULL AND due_at IS NULL)),
        CHECK (status <> 'active' OR (activated_at IS NOT NULL AND due_at IS NOT NULL)),
        CHECK ((status IN ('done','skipped')) = (completed_at IS NOT NULL)),
        CHECK (status <> 'done' OR outcome_code IS NOT NULL),
        CHECK (status <> 'skipped' OR reason_code IS NOT NULL)
      )`);
    // A case's active steps by due time: overdue and due-before filters, the next due time of each listed case.
    await queryRunner.query(
      `CREATE INDEX case_step_active_due_idx ON case_step (case_id, due_at) WHERE status = 'active'`,
    );
    // Cases with steps an organisation owns.
    await queryRunner.query(`CREATE INDEX case_step_owner_idx ON case_step (owner_organization_id, case_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE case_step, case_participant, collaboration_case, case_number_counter`);
  }
}
