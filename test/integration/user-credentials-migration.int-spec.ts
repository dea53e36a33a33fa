import { DataSource, QueryRunner } from 'typeorm';
import { UserCredentials1764820000000 } from '../../migrations/1764820000000-UserCredentials';
import { uniqueSuffix } from '../support/test-app';

/**
 * The migration brings stored addresses to their normal form and refuses to guess when two accounts would end up
 * with the same one. Each case runs in a schema of its own holding app_user as the earlier migrations left it.
 */
describe('migration UserCredentials: existing addresses in the one normal form', () => {
  let dataSource: DataSource;
  let runner: QueryRunner;
  let schema: string;
  const migration = new UserCredentials1764820000000();

  beforeAll(async () => {
    dataSource = new DataSource({ type: 'postgres', url: process.env.SAMVERKAN_TEST_DATABASE_URL });
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());

  beforeEach(async () => {
    runner = dataSource.createQueryRunner();
    schema = `migration_${uniqueSuffix()}`;
    await runner.query(`CREATE SCHEMA ${schema}`);
    await runner.query(`SET search_path TO ${schema}, public`);
    await runner.query(
      `CREATE TABLE app_user (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), email varchar(254) NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    );
    await runner.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))`);
  });
  afterEach(async () => {
    await runner.query(`DROP SCHEMA ${schema} CASCADE`);
    await runner.release();
  });

  const insert = async (email: string) =>
    ((await runner.query(`INSERT INTO app_user (email) VALUES ($1) RETURNING id`, [email])) as { id: string }[])[0].id;

  it('rewrites each address to its normal form, makes the stored form unique, and adds generations and resets', async () => {
    await insert('  Ingrid.Nilsson@Kommun.SE');
    await insert('ｏｌｌｅ@polisen.se');
    await insert('karin@region.se');
    await migration.up(runner);
    const rows = (await runner.query(`SELECT email, token_generation FROM app_user ORDER BY email`)) as {
      email: string;
      token_generation: number;
    }[];
    expect(rows).toEqual([
      { email: 'ingrid.nilsson@kommun.se', token_generation: 0 },
      { email: 'karin@region.se', token_generation: 0 },
      { email: 'olle@polisen.se', token_generation: 0 },
    ]);
    await expect(runner.query(`INSERT INTO app_user (email) VALUES ('karin@region.se')`)).rejects.toThrow(
      /app_user_email_key/,
    );
    expect(await runner.query(`SELECT count(*)::int AS n FROM password_reset`)).toEqual([{ n: 0 }]);
    await migration.down(runner);
  });

  it('stops on accounts that would share an address, naming their ids and not the addresses', async () => {
    const first = await insert('ingrid.nilsson@kommun.se');
    const second = await insert('i\u0307ngrid.nilsson@kommun.se');
    const failure = migration.up(runner).then(
      () => 'migrated',
      (error: Error) => error.message,
    );
    const message = await failure;
    expect(message).toContain(`${first} = ${second}`);
    expect(message).not.toContain('ingrid');
    expect(await runner.query(`SELECT email FROM app_user ORDER BY created_at, id`)).toHaveLength(2);
  });
});
