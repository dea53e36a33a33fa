import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runMigrations } from '../../src/database/database.module';
import { ADMIN_DATABASE_URL, assertPostgresReachable, assertRedisReachable, databaseUrl } from './test-services';

/** Creates a database of this run's own, migrates it, and hands its URL to the suites. Never touches development data. */
export default async function globalSetup(): Promise<void> {
  await assertPostgresReachable();
  await assertRedisReachable();
  const name = `samverkan_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = databaseUrl(name);
  const dataSource = await new DataSource(
    dataSourceOptions({ database: { mode: 'server', url, poolSize: 2, migrationsRun: true } }),
  ).initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();
  process.env.SAMVERKAN_TEST_DATABASE = name;
  process.env.SAMVERKAN_TEST_DATABASE_URL = url;
  process.env.SAMVERKAN_TEST_QUEUE_PREFIX = `test-${randomBytes(4).toString('hex')}`;
}
