import globalTeardown from './global-teardown';
import { adminQuery } from './role-database';

/** Pairs with least-privilege-setup.ts: drops the database, then the two roles it made. */
export default async function leastPrivilegeTeardown(): Promise<void> {
  await globalTeardown();
  for (const role of (process.env.SAMVERKAN_TEST_LP_ROLES ?? '').split(',').filter(Boolean)) {
    await adminQuery(`DROP ROLE IF EXISTS ${role}`);
  }
}
