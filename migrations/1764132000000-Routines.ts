import { MigrationInterface, QueryRunner } from 'typeorm';

export class Routines1764132000000 implements MigrationInterface {
  name = 'Routines1764132000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE routine (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_organization_id uuid NOT NULL REFERENCES organization(id),
        draft jsonb,
        latest_version integer,
        retired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (draft IS NOT NULL OR latest_version IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX routine_owner_idx ON routine (owner_organization_id)`);
    await queryRunner.query(`
      CREATE TABLE routine_version (
        routine_id uuid NOT NULL REFERENCES routine(id),
        version integer NOT NULL CHECK (version > 0),
        definition jsonb NOT NULL,
        checksum char(64) NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by uuid NOT NULL REFERENCES app_user(id),
        PRIMARY KEY (routine_id, version)
      )`);
    // Published versions are frozen: the database refuses to change them.
    await queryRunner.query(`
      CREATE FUNCTION routine_version_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'routine_version is immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER routine_version_immutable BEFORE UPDATE OR DELETE ON routine_version FOR EACH ROW EXECUTE FUNCTION routine_version_refuse_change()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE routine_version, routine`);
    await queryRunner.query(`DROP FUNCTION routine_version_refuse_change()`);
  }
}
