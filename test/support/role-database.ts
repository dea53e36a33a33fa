import { Client } from 'pg';
import { uniqueSuffix } from './test-app';
import { ADMIN_DATABASE_URL, databaseUrl } from './test-services';

/**
 * A database set up as docs/operations.md tells an operator to: an owner role that owns the database (and so its
 * public schema), and a service role that owns nothing. Nothing is migrated or granted yet.
 */
export interface RoleDatabase {
  name: string;
  ownerRole: string;
  appRole: string;
  ownerUrl: string;
  appUrl: string;
  drop(): Promise<void>;
}

export async function adminQuery(sql: string, values: unknown[] = []): Promise<unknown[]> {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    return (await admin.query(sql, values)).rows as unknown[];
  } finally {
    await admin.end();
  }
}

export async function createRoleDatabase(prefix: string): Promise<RoleDatabase> {
  const suffix = uniqueSuffix();
  const name = `samverkan_${prefix}_${suffix}`;
  const ownerRole = `samverkan_owner_${suffix}`;
  const appRole = `samverkan_app_${suffix}`;
  await adminQuery(`CREATE ROLE ${ownerRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`);
  await adminQuery(`CREATE ROLE ${appRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`);
  await adminQuery(`CREATE DATABASE ${name} OWNER ${ownerRole}`);
  const urlAs = (role: string) => {
    const url = new URL(databaseUrl(name));
    url.username = role;
    url.password = '';
    return url.toString();
  };
  return {
    name,
    ownerRole,
    appRole,
    ownerUrl: urlAs(ownerRole),
    appUrl: urlAs(appRole),
    drop: async () => {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await adminQuery(`DROP ROLE IF EXISTS ${appRole}`);
      await adminQuery(`DROP ROLE IF EXISTS ${ownerRole}`);
    },
  };
}
