import { MigrationInterface, QueryRunner } from 'typeorm';
import { normalizeEmail } from '../src/users/email-address';

/**
 * E-mail addresses in their one normal form (src/users/email-address.ts), unique as stored; a token generation per
 * user that ends every earlier token when it moves; pending password resets, kept only as hashes.
 */
export class UserCredentials1764820000000 implements MigrationInterface {
  name = 'UserCredentials1764820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const rows = (await queryRunner.query(`SELECT id, email FROM app_user ORDER BY created_at, id`)) as {
      id: string;
      email: string;
    }[];
    const owners = new Map<string, string[]>();
    for (const { id, email } of rows) {
      const normalized = normalizeEmail(email);
      owners.set(normalized, [...(owners.get(normalized) ?? []), id]);
    }
    const clashes = [...owners.values()].filter((ids) => ids.length > 1);
    if (clashes.length > 0) {
      // Ids only: the addresses are personal data and do not belong in a log. An operator decides which account stays.
      throw new Error(
        `Accounts whose e-mail addresses are the same once normalised: ${clashes.map((ids) => ids.join(' = ')).join('; ')}. Change or merge them, then migrate again.`,
      );
    }
    await queryRunner.query(`DROP INDEX app_user_email_key`);
    for (const { id, email } of rows) {
      const normalized = normalizeEmail(email);
      if (normalized !== email) {
        await queryRunner.query(`UPDATE app_user SET email = $2 WHERE id = $1`, [id, normalized]);
      }
    }
    await queryRunner.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (email)`);
    await queryRunner.query(`ALTER TABLE app_user ADD COLUMN token_generation integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`
      CREATE TABLE password_reset (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL UNIQUE REFERENCES app_user(id),
        token_hash bytea NOT NULL UNIQUE,
        issued_by uuid NOT NULL REFERENCES app_user(id),
        issued_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE password_reset`);
    await queryRunner.query(`ALTER TABLE app_user DROP COLUMN token_generation`);
    await queryRunner.query(`DROP INDEX app_user_email_key`);
    await queryRunner.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))`);
  }
}
