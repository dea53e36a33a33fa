import { Client } from 'pg';
import { ADMIN_DATABASE_URL } from './test-services';

export default async function globalTeardown(): Promise<void> {
  const name = process.env.SAMVERKAN_TEST_DATABASE;
  if (!name || process.env.KEEP_TEST_DATABASE === 'true') {
    return;
  }
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
