import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runMigrations } from '../../src/database/database.module';
import { randomBytes } from 'node:crypto';
import { createRoleDatabase } from './role-database';
import { assertPostgresReachable, assertRedisReachable } from './test-services';

/**
 * An alternative global setup: the suites' database is owned by a role of its own and the suites reach it as a
 * service role that owns nothing, granted by the migration run (`MIGRATION_DATABASE_URL`'s path). For measuring
 * that the service works with least privilege:
 * `npx jest --globalSetup ./test/support/least-privilege-setup.ts --globalTeardown ./test/support/least-privilege-teardown.ts test/e2e`.
 * Suites that tamper with the trail as its owner fail here, as they should. The teardown drops the database and
 * the two roles.
 */
export default async function leastPrivilegeSetup(): Promise<void> {
  await assertPostgresReachable();
  await assertRedisReachable();
  const database = await createRoleDatabase('test_lp');
  const app = await new DataSource(
    dataSourceOptions({ database: { mode: 'server', url: database.appUrl, poolSize: 2, migrationsRun: true } }),
  ).initialize();
  await runMigrations(app, database.ownerUrl);
  await app.destroy();
  process.env.SAMVERKAN_TEST_DATABASE = database.name;
  process.env.SAMVERKAN_TEST_LP_ROLES = `${database.appRole},${database.ownerRole}`;
  process.env.SAMVERKAN_TEST_DATABASE_URL = database.appUrl;
  process.env.SAMVERKAN_TEST_QUEUE_PREFIX = `test-${randomBytes(4).toString('hex')}`;
}
