import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runMigrations } from '../../src/database/database.module';
import { uniqueSuffix } from './test-app';
import { ADMIN_DATABASE_URL, databaseUrl, TEST_REDIS_URL } from './test-services';

export interface OwnDatabase {
  /** The environment a command-line entry point reads to reach this database. */
  environment: Record<string, string>;
  dataSource: DataSource;
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A migrated database of a suite's own, for commands whose answer depends on the whole database; dropped afterwards. */
export async function createOwnDatabase(prefix: string): Promise<OwnDatabase> {
  const name = `samverkan_${prefix}_${uniqueSuffix()}`;
  const url = databaseUrl(name);
  await adminQuery(`CREATE DATABASE ${name}`);
  const dataSource = await new DataSource(
    dataSourceOptions({ database: { mode: 'server', url, poolSize: 2, migrationsRun: true } }),
  ).initialize();
  await runMigrations(dataSource);
  return {
    environment: {
      DATABASE_URL: url,
      REDIS_URL: TEST_REDIS_URL,
      JWT_SECRET: `${prefix}-test-jwt-secret-that-is-long-enough-0000`,
      REFERENCE_HMAC_KEY: `${prefix}-test-hmac-key-that-is-long-enough-0000`,
    },
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
