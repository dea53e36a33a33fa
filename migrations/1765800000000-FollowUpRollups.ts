import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily rollups for the follow-up reports (docs/reports.md, "Fast at any size"): counts per Stockholm day, routine
 * version, step key, owner organisation, reader scope (each participant organisation, and the nil id for admins and
 * auditors) and slot, kept current by deferred triggers on cases, steps, participants and escalation reminders. At
 * commit each touched case's contribution is recomputed from its rows and the difference to the last one (kept in
 * follow_up_case_snapshot, one row per case) applied, so the rollups always equal a recomputation from scratch,
 * whatever changed (reopened steps, new participants, erased cases). The slot (transaction id mod 4) spreads
 * concurrent completions of the same step over four rows. Counts and codes only: no personal data.
 */
export class FollowUpRollups1765800000000 implements MigrationInterface {
  name = 'FollowUpRollups1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE follow_up_rollup (
        metric varchar(16) NOT NULL,
        day date NOT NULL,
        routine_id uuid NOT NULL,
        routine_version integer NOT NULL,
        step_key varchar(64) NOT NULL,
        owner_organization_id uuid NOT NULL,
        scope_organization_id uuid NOT NULL,
        bucket varchar(50) NOT NULL,
        slot smallint NOT NULL,
        value integer NOT NULL,
        PRIMARY KEY (scope_organization_id, day, metric, routine_id, routine_version, step_key, owner_organization_id, bucket, slot)
      )`);
    await queryRunner.query(`
      CREATE TABLE follow_up_case_snapshot (
        case_id uuid PRIMARY KEY,
        scopes uuid[] NOT NULL,
        contribution jsonb NOT NULL
      )`);
    await queryRunner.query(`
      CREATE FUNCTION follow_up_case_contribution(p_case uuid)
      RETURNS TABLE (metric text, day date, routine_id uuid, routine_version integer, step_key text, owner uuid, bucket text, value integer)
      LANGUAGE sql STABLE AS $$
        SELECT metric, day, routine_id, routine_version, step_key, owner, bucket, value FROM (${contributions('p_case')}) x
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION follow_up_refresh_case(p_case uuid) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${await schemaOf(queryRunner)}, pg_temp AS $$
      DECLARE
        old_scopes uuid[]; old_rows jsonb; new_scopes uuid[]; new_rows jsonb;
      BEGIN
        -- One refresh of a case at a time, so two transactions never apply the same difference.
        PERFORM pg_advisory_xact_lock(748213100, hashtext(p_case::text));
        SELECT scopes, contribution INTO old_scopes, old_rows FROM follow_up_case_snapshot WHERE case_id = p_case;
        SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.metric, x.day, x.step_key, x.owner, x.bucket), '[]') INTO new_rows
          FROM follow_up_case_contribution(p_case) x;
        IF new_rows = '[]' THEN
          new_scopes := '{}';
        ELSE
          SELECT array_agg(o ORDER BY o) INTO new_scopes FROM (
            SELECT organization_id AS o FROM case_participant WHERE case_id = p_case
            UNION SELECT '00000000-0000-0000-0000-000000000000'::uuid) scopes;
        END IF;
        IF old_scopes IS NOT DISTINCT FROM new_scopes AND old_rows IS NOT DISTINCT FROM new_rows THEN
          RETURN;
        END IF;
        INSERT INTO follow_up_rollup AS t (metric, day, routine_id, routine_version, step_key, owner_organization_id, scope_organization_id, bucket, slot, value)
        SELECT d.metric, d.day, d.routine_id, d.routine_version, d.step_key, d.owner, d.scope, d.bucket, (txid_current() % 4)::smallint, sum(d.value)::int
          FROM (
            SELECT r.metric, r.day, r.routine_id, r.routine_version, r.step_key, r.owner, sc.scope, r.bucket, -r.value AS value
              FROM jsonb_to_recordset(coalesce(old_rows, '[]'))
                   AS r(metric text, day date, routine_id uuid, routine_version integer, step_key text, owner uuid, bucket text, value integer)
             CROSS JOIN unnest(coalesce(old_scopes, '{}')) AS sc(scope)
            UNION ALL
            SELECT r.metric, r.day, r.routine_id, r.routine_version, r.step_key, r.owner, sc.scope, r.bucket, r.value
              FROM jsonb_to_recordset(new_rows)
                   AS r(metric text, day date, routine_id uuid, routine_version integer, step_key text, owner uuid, bucket text, value integer)
             CROSS JOIN unnest(new_scopes) AS sc(scope)
          ) d
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        HAVING sum(d.value) <> 0
        ON CONFLICT (scope_organization_id, day, metric, routine_id, routine_version, step_key, owner_organization_id, bucket, slot)
        DO UPDATE SET value = t.value + EXCLUDED.value;
        IF new_rows = '[]' THEN
          DELETE FROM follow_up_case_snapshot WHERE case_id = p_case;
        ELSE
          INSERT INTO follow_up_case_snapshot (case_id, scopes, contribution) VALUES (p_case, new_scopes, new_rows)
          ON CONFLICT (case_id) DO UPDATE SET scopes = EXCLUDED.scopes, contribution = EXCLUDED.contribution;
        END IF;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION follow_up_refresh_case(uuid) FROM PUBLIC`);
    await queryRunner.query(`
      CREATE FUNCTION follow_up_case_changed() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${await schemaOf(queryRunner)}, pg_temp AS $$
      BEGIN
        PERFORM follow_up_refresh_case(
          ((CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END) ->> TG_ARGV[0])::uuid);
        RETURN NULL;
      END $$`);
    const trigger = (name: string, table: string, column: string, event: string, when = '') =>
      queryRunner.query(
        `CREATE CONSTRAINT TRIGGER ${name} AFTER ${event} ON ${table} DEFERRABLE INITIALLY DEFERRED
         FOR EACH ROW ${when ? `WHEN (${when})` : ''} EXECUTE FUNCTION follow_up_case_changed('${column}')`,
      );
    await trigger('follow_up_case_insert', 'collaboration_case', 'id', 'INSERT OR DELETE');
    await trigger(
      'follow_up_case_update',
      'collaboration_case',
      'id',
      'UPDATE',
      `(OLD.opened_at, OLD.closed_at, OLD.routine_id, OLD.routine_version) IS DISTINCT FROM (NEW.opened_at, NEW.closed_at, NEW.routine_id, NEW.routine_version)`,
    );
    await trigger('follow_up_step_insert', 'case_step', 'case_id', 'INSERT OR DELETE');
    await trigger(
      'follow_up_step_update',
      'case_step',
      'case_id',
      'UPDATE',
      `(OLD.status, OLD.activated_at, OLD.due_at, OLD.completed_at, OLD.owner_organization_id, OLD.outcome_code, OLD.key)
         IS DISTINCT FROM (NEW.status, NEW.activated_at, NEW.due_at, NEW.completed_at, NEW.owner_organization_id, NEW.outcome_code, NEW.key)`,
    );
    await trigger('follow_up_participant_change', 'case_participant', 'case_id', 'INSERT OR DELETE');
    await trigger(
      'follow_up_escalation_insert',
      'reminder',
      'case_id',
      'INSERT OR UPDATE',
      `NEW.kind = 'escalation' AND NEW.case_id IS NOT NULL`,
    );
    await trigger(
      'follow_up_escalation_delete',
      'reminder',
      'case_id',
      'DELETE',
      `OLD.kind = 'escalation' AND OLD.case_id IS NOT NULL`,
    );
    // From scratch, set-based: every case's contribution, then the rollups as their sum. The migration backfills with
    // it; seed:scale, which writes rows with the triggers off, calls it afterwards. The owner's only.
    await queryRunner.query(`
      CREATE FUNCTION follow_up_rebuild() RETURNS void LANGUAGE sql AS $$
        DELETE FROM follow_up_rollup;
        DELETE FROM follow_up_case_snapshot;
        INSERT INTO follow_up_case_snapshot (case_id, scopes, contribution)
        SELECT x.case_id, coalesce(p.scopes, ARRAY['00000000-0000-0000-0000-000000000000'::uuid]),
               jsonb_agg(jsonb_build_object('metric', x.metric, 'day', x.day, 'routine_id', x.routine_id, 'routine_version', x.routine_version,
                                            'step_key', x.step_key, 'owner', x.owner, 'bucket', x.bucket, 'value', x.value)
                         ORDER BY x.metric, x.day, x.step_key, x.owner, x.bucket)
          FROM (${contributions(null)}) x
          LEFT JOIN (SELECT case_id, array_agg(o ORDER BY o) AS scopes FROM (
                       SELECT case_id, organization_id AS o FROM case_participant
                       UNION SELECT id, '00000000-0000-0000-0000-000000000000'::uuid FROM collaboration_case) sc GROUP BY case_id) p
            ON p.case_id = x.case_id
         GROUP BY x.case_id, p.scopes;
        INSERT INTO follow_up_rollup (metric, day, routine_id, routine_version, step_key, owner_organization_id, scope_organization_id, bucket, slot, value)
        SELECT r.metric, r.day, r.routine_id, r.routine_version, r.step_key, r.owner, sc.scope, r.bucket, 0, sum(r.value)
          FROM follow_up_case_snapshot s
         CROSS JOIN LATERAL jsonb_to_recordset(s.contribution)
               AS r(metric text, day date, routine_id uuid, routine_version integer, step_key text, owner uuid, bucket text, value integer)
         CROSS JOIN LATERAL unnest(s.scopes) AS sc(scope)
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
      $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION follow_up_rebuild() FROM PUBLIC`);
    await queryRunner.query(`SELECT follow_up_rebuild()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name, table] of [
      ['follow_up_case_insert', 'collaboration_case'],
      ['follow_up_case_update', 'collaboration_case'],
      ['follow_up_step_insert', 'case_step'],
      ['follow_up_step_update', 'case_step'],
      ['follow_up_participant_change', 'case_participant'],
      ['follow_up_escalation_insert', 'reminder'],
      ['follow_up_escalation_delete', 'reminder'],
    ]) {
      await queryRunner.query(`DROP TRIGGER ${name} ON ${table}`);
    }
    await queryRunner.query(
      `DROP FUNCTION follow_up_rebuild(), follow_up_case_changed(), follow_up_refresh_case(uuid), follow_up_case_contribution(uuid)`,
    );
    await queryRunner.query(`DROP TABLE follow_up_rollup, follow_up_case_snapshot`);
  }
}

const NIL = `'00000000-0000-0000-0000-000000000000'::uuid`;

/**
 * What cases contribute (without scope): one row per case, metric, day and key; of one case (`caseId`, a parameter
 * name) or of all. Lead-time buckets: whole hours below 999.5 h, above that 2 % wide (the representative within 1 %
 * of every value in it; docs/reports.md).
 */
function contributions(caseId: string | null): string {
  const only = (column: string) => (caseId ? `WHERE ${column} = ${caseId}` : '');
  return `
    WITH c AS (SELECT id, opened_at, closed_at, routine_id, routine_version FROM collaboration_case ${only('id')}),
         s AS (SELECT s.case_id, s.key, s.owner_organization_id, s.status, s.completed_at, s.due_at, s.activated_at, s.outcome_code,
                      greatest(0, extract(epoch FROM s.completed_at - s.activated_at) / 3600) AS lead
                 FROM case_step s ${only('s.case_id')}),
         events AS (
           SELECT 'opened' AS metric, c.id AS case_id, c.opened_at AS at, '' AS step_key, ${NIL} AS owner, '' AS bucket FROM c
           UNION ALL SELECT 'closed', c.id, c.closed_at, '', ${NIL}, '' FROM c WHERE c.closed_at IS NOT NULL
           UNION ALL SELECT 'opened_step', c.id, c.opened_at, s.key, s.owner_organization_id, '' FROM c JOIN s ON s.case_id = c.id
           UNION ALL SELECT 'closed_step', c.id, c.closed_at, s.key, s.owner_organization_id, '' FROM c JOIN s ON s.case_id = c.id WHERE c.closed_at IS NOT NULL
           UNION ALL SELECT DISTINCT 'opened_owner', c.id, c.opened_at, '', s.owner_organization_id, '' FROM c JOIN s ON s.case_id = c.id
           UNION ALL SELECT DISTINCT 'closed_owner', c.id, c.closed_at, '', s.owner_organization_id, '' FROM c JOIN s ON s.case_id = c.id WHERE c.closed_at IS NOT NULL
           UNION ALL SELECT 'completed', s.case_id, s.completed_at, s.key, s.owner_organization_id, '' FROM s WHERE s.status = 'done'
           UNION ALL SELECT 'skipped', s.case_id, s.completed_at, s.key, s.owner_organization_id, '' FROM s WHERE s.status = 'skipped'
           UNION ALL SELECT 'on_time', s.case_id, s.completed_at, s.key, s.owner_organization_id, '' FROM s WHERE s.status = 'done' AND s.completed_at <= s.due_at
           UNION ALL SELECT 'outcome', s.case_id, s.completed_at, s.key, s.owner_organization_id, s.outcome_code FROM s WHERE s.status = 'done' AND s.outcome_code IS NOT NULL
           UNION ALL SELECT 'lead', s.case_id, s.completed_at, s.key, s.owner_organization_id,
                            CASE WHEN s.lead < 999.5 THEN round(s.lead)::int::text
                                 ELSE round((2 * power(1.02, ceil(ln(s.lead) / ln(1.02))) / 2.02)::numeric, 1)::text END
             FROM s WHERE s.status = 'done' AND s.activated_at IS NOT NULL
           UNION ALL SELECT 'escalation', s.case_id, r.sent_at, s.key, s.owner_organization_id, ''
             FROM reminder r JOIN s ON s.case_id = r.case_id AND s.key = r.step_key
            WHERE r.kind = 'escalation' AND r.status = 'sent' ${caseId ? `AND r.case_id = ${caseId}` : 'AND r.case_id IS NOT NULL'}),
         -- The step events once more with step key '*' and no owner: what reports without step dimensions read.
         step_levels AS (
           SELECT * FROM events
           UNION ALL SELECT metric, case_id, at, '*', ${NIL}, bucket FROM events
            WHERE metric IN ('completed', 'skipped', 'on_time', 'outcome', 'lead', 'escalation'))
    SELECT e.case_id, e.metric, (e.at AT TIME ZONE 'Europe/Stockholm')::date AS day, c.routine_id, c.routine_version, e.step_key,
           e.owner, e.bucket, count(*)::int AS value
      FROM step_levels e JOIN c ON c.id = e.case_id WHERE e.at IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
}

async function schemaOf(queryRunner: QueryRunner): Promise<string> {
  const rows = (await queryRunner.query(`SELECT quote_ident(current_schema()) AS schema`)) as { schema: string }[];
  return rows[0].schema;
}
