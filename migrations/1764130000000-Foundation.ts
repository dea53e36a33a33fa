import { MigrationInterface, QueryRunner } from 'typeorm';
import { STRATEGY_2020_2026 } from '../src/strategy/strategy-2020-2026';

export class Foundation1764130000000 implements MigrationInterface {
  name = 'Foundation1764130000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        type varchar(32) NOT NULL CHECK (type IN ('social_services','police','healthcare','school','prosecution','prison_probation','womens_shelter','county_board','other')),
        municipality_code char(4) NOT NULL,
        parent_id uuid REFERENCES organization(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX organization_type_idx ON organization (type, municipality_code)`);
    await queryRunner.query(`CREATE INDEX organization_municipality_idx ON organization (municipality_code)`);

    await queryRunner.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        display_name varchar(120) NOT NULL,
        organization_id uuid NOT NULL REFERENCES organization(id),
        roles text[] NOT NULL CHECK (cardinality(roles) > 0),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        deactivated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))`);
    await queryRunner.query(`CREATE INDEX app_user_organization_idx ON app_user (organization_id)`);

    await queryRunner.query(`
      CREATE TABLE login_failure (
        key varchar(300) PRIMARY KEY,
        failures integer NOT NULL,
        window_started_at timestamptz NOT NULL
      )`);

    await queryRunner.query(`
      CREATE TABLE audit_chain_head (
        id smallint PRIMARY KEY CHECK (id = 1),
        sequence bigint NOT NULL,
        prev_hash bytea NOT NULL,
        hash bytea NOT NULL
      )`);
    await queryRunner.query(
      `INSERT INTO audit_chain_head (id, sequence, prev_hash, hash) VALUES (1, 0, '\\x'::bytea, decode(repeat('00', 32), 'hex'))`,
    );
    await queryRunner.query(`
      CREATE TABLE audit_event (
        sequence bigint PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        action varchar(100) NOT NULL,
        actor_type varchar(16) NOT NULL CHECK (actor_type IN ('user','system')),
        actor_user_id uuid,
        actor_organization_id uuid,
        entity_type varchar(50) NOT NULL,
        entity_id varchar(100) NOT NULL,
        organization_ids uuid[] NOT NULL,
        request_id varchar(100),
        access_reason varchar(500),
        data jsonb NOT NULL,
        content_hash bytea NOT NULL,
        prev_hash bytea NOT NULL,
        hash bytea NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX audit_event_occurred_idx ON audit_event (occurred_at)`);
    await queryRunner.query(`CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id, sequence)`);
    await queryRunner.query(`CREATE INDEX audit_event_actor_idx ON audit_event (actor_user_id, sequence)`);
    await queryRunner.query(`CREATE INDEX audit_event_action_idx ON audit_event (action, sequence)`);
    await queryRunner.query(`CREATE INDEX audit_event_organizations_idx ON audit_event USING gin (organization_ids)`);
    // The trail is append-only, enforced by the database itself, not only by the application.
    await queryRunner.query(`
      CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change()`,
    );

    await queryRunner.query(`
      CREATE TABLE strategy_period (
        code varchar(40) PRIMARY KEY,
        title_sv text NOT NULL,
        title_en text NOT NULL,
        valid_from date NOT NULL,
        valid_to date NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE strategy_goal (
        period_code varchar(40) NOT NULL REFERENCES strategy_period(code),
        number smallint NOT NULL,
        title_sv text NOT NULL,
        title_en text NOT NULL,
        PRIMARY KEY (period_code, number)
      )`);
    await queryRunner.query(`
      CREATE TABLE strategy_measure (
        period_code varchar(40) NOT NULL,
        code varchar(10) NOT NULL,
        goal_number smallint NOT NULL,
        position smallint NOT NULL,
        text_sv text NOT NULL,
        text_en text NOT NULL,
        PRIMARY KEY (period_code, code),
        FOREIGN KEY (period_code, goal_number) REFERENCES strategy_goal(period_code, number)
      )`);

    const period = STRATEGY_2020_2026;
    await queryRunner.query(
      `INSERT INTO strategy_period (code, title_sv, title_en, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5)`,
      [period.code, period.title.sv, period.title.en, period.validFrom, period.validTo],
    );
    for (const goal of period.goals) {
      await queryRunner.query(
        `INSERT INTO strategy_goal (period_code, number, title_sv, title_en) VALUES ($1, $2, $3, $4)`,
        [period.code, goal.number, goal.title.sv, goal.title.en],
      );
      for (const [index, measure] of goal.measures.entries()) {
        await queryRunner.query(
          `INSERT INTO strategy_measure (period_code, code, goal_number, position, text_sv, text_en) VALUES ($1, $2, $3, $4, $5, $6)`,
          [period.code, measure.code, goal.number, index + 1, measure.text.sv, measure.text.en],
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE strategy_measure, strategy_goal, strategy_period`);
    await queryRunner.query(`DROP TABLE audit_event`);
    await queryRunner.query(`DROP FUNCTION audit_event_refuse_change()`);
    await queryRunner.query(`DROP TABLE audit_chain_head, login_failure, app_user, organization`);
  }
}
