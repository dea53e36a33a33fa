import { MigrationInterface, QueryRunner } from 'typeorm';

export class Adoptions1764140000000 implements MigrationInterface {
  name = 'Adoptions1764140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE adoption (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        routine_id uuid NOT NULL,
        routine_version integer NOT NULL,
        organization_id uuid NOT NULL REFERENCES organization(id),
        status varchar(16) NOT NULL CHECK (status IN ('planned','implementing','adopted','discontinued')),
        approved_at timestamptz,
        approved_by varchar(16) CHECK (approved_by IN ('unit','management','board','council')),
        review_interval_months smallint NOT NULL DEFAULT 24 CHECK (review_interval_months BETWEEN 1 AND 120),
        last_follow_up_at timestamptz,
        next_review_due_at timestamptz,
        discontinued_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (routine_id, routine_version) REFERENCES routine_version (routine_id, version),
        CHECK (status <> 'adopted' OR (approved_at IS NOT NULL AND approved_by IS NOT NULL AND next_review_due_at IS NOT NULL)),
        CHECK ((status = 'discontinued') = (discontinued_at IS NOT NULL))
      )`);
    // One live adoption of a routine per organisation; a discontinued one may be followed by a new one.
    await queryRunner.query(
      `CREATE UNIQUE INDEX adoption_live_uq ON adoption (organization_id, routine_id) WHERE status <> 'discontinued'`,
    );
    await queryRunner.query(`CREATE INDEX adoption_routine_idx ON adoption (routine_id)`);
    await queryRunner.query(
      `CREATE INDEX adoption_review_due_idx ON adoption (next_review_due_at) WHERE status = 'adopted'`,
    );

    await queryRunner.query(`
      CREATE TABLE adoption_partner (
        adoption_id uuid NOT NULL REFERENCES adoption(id),
        organization_id uuid NOT NULL REFERENCES organization(id),
        PRIMARY KEY (adoption_id, organization_id)
      )`);
    await queryRunner.query(`CREATE INDEX adoption_partner_organization_idx ON adoption_partner (organization_id)`);

    await queryRunner.query(`
      CREATE TABLE adoption_follow_up (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        adoption_id uuid NOT NULL REFERENCES adoption(id),
        performed_at timestamptz NOT NULL,
        outcome_code varchar(50) NOT NULL,
        note text,
        recorded_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX adoption_follow_up_adoption_idx ON adoption_follow_up (adoption_id, performed_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE adoption_follow_up, adoption_partner, adoption`);
  }
}
