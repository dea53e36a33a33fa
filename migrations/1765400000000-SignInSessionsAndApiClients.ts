import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in through the organisations' identity providers (OpenID Connect), sessions that sign-out ends, and API
 * clients with scopes (docs/sign-in.md). Secrets are kept only as hashes (client secrets, sign-in codes, states) or
 * encrypted (an identity provider's client secret). Accounts that sign in only through their IdP have no password.
 */
export class SignInSessionsAndApiClients1765400000000 implements MigrationInterface {
  name = 'SignInSessionsAndApiClients1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE organization ADD COLUMN password_sign_in boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`
      CREATE TABLE user_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        method varchar(16) NOT NULL CHECK (method IN ('password','oidc')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX user_session_user_idx ON user_session (user_id) WHERE ended_at IS NULL`);
    await queryRunner.query(`CREATE INDEX user_session_expires_idx ON user_session (expires_at)`);
    await queryRunner.query(`
      CREATE TABLE api_client (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id varchar(64) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        organization_id uuid NOT NULL REFERENCES organization(id),
        scopes text[] NOT NULL,
        secret_hash bytea NOT NULL,
        secret_generation integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX api_client_organization_idx ON api_client (organization_id, id)`);
    await queryRunner.query(`
      CREATE TABLE identity_provider (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        issuer varchar(500) NOT NULL,
        client_id varchar(200) NOT NULL,
        client_secret_encrypted bytea NOT NULL,
        scopes text[] NOT NULL,
        required_acr text[] NOT NULL DEFAULT '{}',
        organization_claim varchar(100) NOT NULL,
        organizations jsonb NOT NULL,
        role_claim varchar(100) NOT NULL,
        roles jsonb NOT NULL,
        email_claim varchar(100) NOT NULL DEFAULT 'email',
        name_claim varchar(100) NOT NULL DEFAULT 'name',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A browser's sign-in in progress, from the redirect to the IdP to the callback: single use, short-lived.
    await queryRunner.query(`
      CREATE TABLE oidc_sign_in (
        state_hash bytea PRIMARY KEY,
        provider_id uuid NOT NULL REFERENCES identity_provider(id),
        code_verifier varchar(128) NOT NULL,
        nonce varchar(128) NOT NULL,
        return_to varchar(2000) NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE sign_in_code (
        code_hash bytea PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id),
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`ALTER TABLE audit_event DROP CONSTRAINT audit_event_actor_type_check`);
    await queryRunner.query(
      `ALTER TABLE audit_event ADD CONSTRAINT audit_event_actor_type_check CHECK (actor_type IN ('user','system','client'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_event DROP CONSTRAINT audit_event_actor_type_check`);
    await queryRunner.query(
      `ALTER TABLE audit_event ADD CONSTRAINT audit_event_actor_type_check CHECK (actor_type IN ('user','system'))`,
    );
    await queryRunner.query(`DROP TABLE sign_in_code`);
    await queryRunner.query(`DROP TABLE oidc_sign_in`);
    await queryRunner.query(`DROP TABLE identity_provider`);
    await queryRunner.query(`DROP TABLE api_client`);
    await queryRunner.query(`DROP TABLE user_session`);
    await queryRunner.query(`ALTER TABLE organization DROP COLUMN password_sign_in`);
    await queryRunner.query(`UPDATE app_user SET password_hash = '' WHERE password_hash IS NULL`);
    await queryRunner.query(`ALTER TABLE app_user ALTER COLUMN password_hash SET NOT NULL`);
  }
}
