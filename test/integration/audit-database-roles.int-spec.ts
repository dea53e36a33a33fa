import { DataSource } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '../../src/audit/audit.service';
import { APP_ROLE_FUNCTIONS, AppRoleError, grantAppRole } from '../../src/database/app-role';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runMigrations } from '../../src/database/database.module';
import { bearer, loginAdmin } from '../support/fixtures';
import { createRoleDatabase, RoleDatabase } from '../support/role-database';
import { startTestApp } from '../support/test-app';

/**
 * The service as a database role that owns nothing (docs/operations.md, "Database roles"): migrations run as the
 * owner through MIGRATION_DATABASE_URL's path, which then grants the service's role. That role writes the trail
 * only through the owner's functions, and every way the owner has around the triggers is closed to it.
 */
describe('audit trail: the service role owns nothing', () => {
  let database: RoleDatabase;
  let app: DataSource;
  let owner: DataSource;
  let audit: AuditService;

  const open = (url: string) =>
    new DataSource({
      ...dataSourceOptions({ database: { mode: 'server', url, poolSize: 2, migrationsRun: true } }),
      logging: false,
    }).initialize();

  beforeAll(async () => {
    database = await createRoleDatabase('roles');
    app = await open(database.appUrl);
    await runMigrations(app, database.ownerUrl);
    owner = await open(database.ownerUrl);
    audit = new AuditService(app);
  });
  afterAll(async () => {
    await app?.destroy();
    await owner?.destroy();
    await database?.drop();
  });

  it('migrates as the owner and leaves the service role owning nothing, with no right to create anything', async () => {
    const [row] = await owner.query<Record<string, unknown>[]>(
      `SELECT (SELECT count(*) FROM pg_class WHERE relowner = $1::regrole)::int AS relations,
              (SELECT count(*) FROM pg_proc WHERE proowner = $1::regrole)::int AS functions,
              pg_get_userbyid((SELECT relowner FROM pg_class WHERE oid = 'audit_event'::regclass)) AS trail_owner,
              has_schema_privilege($1, 'public', 'CREATE') AS may_create,
              has_table_privilege($1, 'audit_event', 'INSERT') AS may_insert_events,
              has_table_privilege($1, 'audit_chain_head', 'UPDATE') AS may_move_head,
              has_table_privilege($1, 'case_step', 'UPDATE') AS may_update_steps`,
      [database.appRole],
    );
    expect(row).toEqual({
      relations: 0,
      functions: 0,
      trail_owner: database.ownerRole,
      may_create: false,
      may_insert_events: false,
      may_move_head: false,
      may_update_steps: true,
    });
  });

  it('runs the audited write path as that role: append, appendMany, redact, verify', async () => {
    await audit.record(SYSTEM_ACTOR, {
      action: 'audit_test.appended',
      entity: { type: 'audit_test', id: '1' },
      data: { note: 'one' },
    });
    await app.transaction((manager) =>
      audit.appendMany(
        manager,
        SYSTEM_ACTOR,
        [2, 3].map((i) => ({ action: 'audit_test.appended', entity: { type: 'audit_test', id: String(i) } })),
      ),
    );
    const [{ sequence }] = await app.query<{ sequence: string }[]>(
      `SELECT sequence FROM audit_event WHERE entity_id = '1' AND action = 'audit_test.appended'`,
    );
    await app.transaction((manager) =>
      audit.redact(manager, SYSTEM_ACTOR, {
        sequence: Number(sequence),
        field: 'data',
        path: ['note'],
        target: 'value',
        record: { reasonCode: 'retention' },
      }),
    );
    await expect(audit.verify()).resolves.toMatchObject({
      valid: true,
      firstInvalidSequence: null,
      redactedSequences: [Number(sequence)],
    });
  });

  it.each([
    [
      'switch the triggers off',
      `ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete`,
      'must be owner of table audit_event',
    ],
    ['switch all triggers off for the session', `SET session_replication_role = replica`, 'permission denied'],
    [
      'update an event',
      `UPDATE audit_event SET action = 'audit_test.rewritten' WHERE sequence = 1`,
      'permission denied for table audit_event',
    ],
    ['delete an event', `DELETE FROM audit_event WHERE sequence = 1`, 'permission denied for table audit_event'],
    ['truncate the trail', `TRUNCATE audit_event`, 'permission denied for table audit_event'],
    [
      'insert an event directly',
      `INSERT INTO audit_event (sequence, occurred_at, action, actor_type, entity_type, entity_id, organization_ids, data, content_hash, prev_hash, hash)
       VALUES (999, now(), 'audit_test.forged', 'system', 'audit_test', 'x', '{}', '{}', '\\x00', '\\x00', '\\x00')`,
      'permission denied for table audit_event',
    ],
    [
      'move the head',
      `UPDATE audit_chain_head SET sequence = sequence + 1`,
      'permission denied for table audit_chain_head',
    ],
    ['drop the trail', `DROP TABLE audit_event`, 'must be owner of table audit_event'],
    [
      'replace a trigger function',
      `CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
      'permission denied for schema public',
    ],
    ['create a table', `CREATE TABLE audit_shadow (id int)`, 'permission denied for schema public'],
  ])('refuses to %s', async (_what, sql, refusal) => {
    await expect(app.query(sql)).rejects.toThrow(refusal);
  });

  it('refuses an update that names the redaction setting, outside the redaction function', async () => {
    await expect(
      app.transaction(async (manager) => {
        await manager.query(`SELECT set_config('samverkan.audit_redaction', '1', true)`);
        await manager.query(`UPDATE audit_event SET data = '{}' WHERE sequence = 1`);
      }),
    ).rejects.toThrow('permission denied for table audit_event');
  });

  it('may lock an event for an erasure, and still change nothing through that', async () => {
    await app.transaction(async (manager) => {
      await expect(
        manager.query(`SELECT sequence FROM audit_event WHERE sequence = 1 FOR UPDATE`),
      ).resolves.toHaveLength(1);
    });
    await expect(app.query(`UPDATE audit_event SET sequence = 999 WHERE sequence = 1`)).rejects.toThrow(
      'audit_event is append-only: UPDATE refused',
    );
    await expect(app.query(`UPDATE audit_event SET data = '{}' WHERE sequence = 1`)).rejects.toThrow(
      'permission denied for table audit_event',
    );
  });

  it('keeps the chain valid after all the refusals', async () => {
    await expect(audit.verify()).resolves.toMatchObject({ valid: true });
  });

  it('lets nobody but the owner and the service role call the definer functions', async () => {
    const rows = await owner.query<{ proname: string; prosecdef: boolean; grantees: string[] }[]>(
      `SELECT p.proname, p.prosecdef, array(SELECT CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END FROM aclexplode(p.proacl) a)::text[] AS grantees
         FROM pg_proc p WHERE p.proname = ANY($1) ORDER BY p.proname`,
      [APP_ROLE_FUNCTIONS],
    );
    expect(rows.map((r) => r.proname)).toEqual([...APP_ROLE_FUNCTIONS].sort());
    for (const row of rows) {
      expect(row.prosecdef).toBe(true);
      expect(row.grantees.sort()).toEqual([database.appRole, database.ownerRole].sort());
    }
  });

  it('refuses to grant to a role that owns the schema objects', async () => {
    await expect(grantAppRole(owner.manager, database.ownerRole)).rejects.toThrow(AppRoleError);
    await expect(grantAppRole(owner.manager, database.ownerRole)).rejects.toThrow(
      'must be no superuser, own nothing here',
    );
  });

  it('serves the API as that role: sign-in, a new organisation and a verified trail', async () => {
    const service = await startTestApp({
      database: {
        mode: 'server',
        url: database.appUrl,
        poolSize: 4,
        migrationsRun: true,
        migrationUrl: database.ownerUrl,
      },
    });
    try {
      const token = await loginAdmin(service.app);
      const created = await service.http
        .post('/api/v1/organizations')
        .set(bearer(token))
        .send({ name: 'Least privilege social services', type: 'social_services', municipalityCode: '0180' });
      expect(created.status).toBe(201);
      const verified = await service.http.get('/api/v1/audit-events/verify').set(bearer(token));
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ valid: true });
      const [{ role }] = await service.dataSource.query<{ role: string }[]>(`SELECT current_user AS role`);
      expect(role).toBe(database.appRole);
    } finally {
      await service.close();
    }
  });
});
