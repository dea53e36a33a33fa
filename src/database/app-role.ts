import { DataSource, EntityManager } from 'typeorm';

/**
 * What the service's own role may do to a table, where it is less than reading and writing rows. The audit trail
 * and published routine versions change only through the owner's SECURITY DEFINER functions (migration
 * `AuditAppendFunctions`); TypeORM's migration table is the owner's. An erasure locks the row it redacts
 * (`SELECT … FOR UPDATE`), which PostgreSQL allows only with UPDATE on some column: hence UPDATE of one key
 * column that the tables' triggers never let change (an UPDATE of it changes nothing, or is refused).
 */
const RESTRICTED_TABLES: Record<string, string> = {
  audit_event: 'SELECT, UPDATE (sequence)',
  audit_chain_head: 'SELECT',
  routine_version: 'SELECT, INSERT, UPDATE (version)',
  migrations: 'SELECT',
  // Written only by the follow-up triggers' SECURITY DEFINER functions (migration FollowUpRollups).
  follow_up_rollup: 'SELECT',
  follow_up_case_snapshot: 'SELECT',
};
const GRANT_LOCK_KEY = 748_213_002;
const ROW_PRIVILEGES = 'SELECT, INSERT, UPDATE, DELETE';
/** The owner's functions the service calls; nobody else may (their EXECUTE is revoked from PUBLIC). */
export const APP_ROLE_FUNCTIONS = [
  'audit_append_event',
  'audit_append_events',
  'audit_redact_event',
  'routine_version_redact',
];

const identifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

export class AppRoleError extends Error {}

/**
 * Gives `role` exactly what the service needs in the current schema, run as the owner after every migration:
 * rows of the ordinary tables, reading the restricted ones, the sequences, and the four functions above. Never
 * TRUNCATE, TRIGGER, REFERENCES or anything on the schema beyond USAGE. Refuses a role that is a superuser or owns
 * anything here, since such a role can switch the trail's triggers off.
 */
export async function grantAppRole(owner: EntityManager, role: string): Promise<void> {
  const [found] = await owner.query<{ superuser: boolean; owned: number; owner_member: boolean }[]>(
    `SELECT r.rolsuper AS superuser,
            (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relowner = r.oid AND n.nspname = current_schema())::int
          + (SELECT count(*) FROM pg_proc p WHERE p.proowner = r.oid AND p.pronamespace = current_schema()::regnamespace)::int
          + (SELECT count(*) FROM pg_namespace n WHERE n.nspowner = r.oid AND n.nspname = current_schema())::int
          + (SELECT count(*) FROM pg_database d WHERE d.datdba = r.oid AND d.datname = current_database())::int AS owned,
            pg_has_role(r.oid, (SELECT relowner FROM pg_class WHERE oid = 'audit_event'::regclass), 'MEMBER') AS owner_member
       FROM pg_roles r WHERE r.rolname = $1`,
    [role],
  );
  if (!found) {
    throw new AppRoleError(`The role ${role} of DATABASE_URL does not exist`);
  }
  if (found.superuser || found.owned > 0 || found.owner_member) {
    throw new AppRoleError(
      `DATABASE_URL's role ${role} must be no superuser, own nothing here (database, schema, tables, functions) and not be a member of their owner`,
    );
  }
  const tables = await owner.query<{ tablename: string }[]>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
  );
  const functions = await owner.query<{ signature: string }[]>(
    `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace AND p.proname = ANY($1)`,
    [APP_ROLE_FUNCTIONS],
  );
  const grantee = identifier(role);
  const schema = identifier((await owner.query<{ schema: string }[]>(`SELECT current_schema() AS schema`))[0].schema);
  await owner.transaction(async (manager) => {
    // Replicas starting together grant once each, one after another (concurrent GRANTs on one object fail).
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [GRANT_LOCK_KEY]);
    await manager.query(`GRANT USAGE ON SCHEMA ${schema} TO ${grantee}`);
    for (const { tablename } of tables) {
      await manager.query(`REVOKE ALL ON TABLE ${identifier(tablename)} FROM ${grantee}`);
      await manager.query(
        `GRANT ${RESTRICTED_TABLES[tablename] ?? ROW_PRIVILEGES} ON TABLE ${identifier(tablename)} TO ${grantee}`,
      );
    }
    await manager.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${grantee}`);
    for (const { signature } of functions) {
      await manager.query(`GRANT EXECUTE ON FUNCTION ${signature} TO ${grantee}`);
    }
  });
}

/**
 * Runs `migrate` on a connection of the schema's owner (`migrationUrl`), then grants the service's role (the user
 * `dataSource` connects as) what it needs, so tables added by a migration are usable at once.
 */
export async function migrateAsOwner(
  dataSource: DataSource,
  migrationUrl: string,
  migrate: (owner: DataSource) => Promise<void>,
): Promise<void> {
  const owner = await new DataSource({
    ...dataSource.options,
    url: migrationUrl,
    extra: { max: 2 },
  } as typeof dataSource.options).initialize();
  try {
    await migrate(owner);
    const [{ role }] = await dataSource.query<{ role: string }[]>(`SELECT current_user AS role`);
    await grantAppRole(owner.manager, role);
  } finally {
    await owner.destroy();
  }
}
