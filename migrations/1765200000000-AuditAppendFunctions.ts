import { MigrationInterface, QueryRunner } from 'typeorm';

const APPEND_ONE =
  'audit_append_event(bytea, varchar, varchar, uuid, uuid, varchar, varchar, uuid[], varchar, varchar, jsonb, timestamptz)';
const APPEND_MANY =
  'audit_append_events(bytea[], varchar[], varchar[], uuid[], uuid[], varchar[], varchar[], text[], varchar[], varchar[], jsonb[], timestamptz)';
const REDACTIONS = [
  'audit_redact_event(bigint, text, jsonb, text)',
  'routine_version_redact(uuid, integer, jsonb, text)',
];

/**
 * The service can run as a database role that owns nothing (docs/operations.md, "Database roles"): the audit chain
 * is then changed only through functions that run as the owner (SECURITY DEFINER) — the two appends, which compute
 * every hash link in the database, and the two redactions — so that role needs no INSERT or UPDATE on
 * `audit_event`, `audit_chain_head` or `routine_version` at all. The appends are the statements `AuditService`
 * sent until now, moved here unchanged: still one statement, the transaction's last. Only the owner and the roles
 * it grants them to may call these functions (PostgreSQL grants EXECUTE to everyone by default).
 */
export class AuditAppendFunctions1765200000000 implements MigrationInterface {
  name = 'AuditAppendFunctions1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const [{ schema }] = (await queryRunner.query(`SELECT current_schema() AS schema`)) as { schema: string }[];
    // A definer function resolves names in a fixed path: a caller's own objects cannot stand in for the audit tables.
    const definer = `SECURITY DEFINER SET search_path = "${schema}", pg_temp`;
    await queryRunner.query(`
      CREATE FUNCTION ${APPEND_ONE} RETURNS void LANGUAGE sql ${definer} AS $$
        WITH head AS (
          UPDATE audit_chain_head
             SET sequence = sequence + 1, prev_hash = hash, hash = sha256(hash || $1)
           WHERE id = 1
          RETURNING sequence, prev_hash, hash)
        INSERT INTO audit_event (${EVENT_COLUMNS})
        SELECT head.sequence, $12, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $1, head.prev_hash, head.hash
          FROM head
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION ${APPEND_MANY} RETURNS void LANGUAGE sql ${definer} AS $$
        WITH RECURSIVE head AS (
          SELECT sequence, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE
        ), chain (n, sequence, prev_hash, hash) AS (
          SELECT 0::bigint, sequence, NULL::bytea, hash FROM head
          UNION ALL
          SELECT n + 1, sequence + 1, hash, sha256(hash || ($1)[n + 1]) FROM chain WHERE n < cardinality($1)
        ), event AS (
          SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                   WITH ORDINALITY AS e(content_hash, action, actor_type, actor_user_id, actor_organization_id, entity_type, entity_id,
                                        organization_ids, request_id, access_reason, data, n)
        ), inserted AS (
          INSERT INTO audit_event (${EVENT_COLUMNS})
          SELECT chain.sequence, $12, e.action, e.actor_type, e.actor_user_id, e.actor_organization_id, e.entity_type, e.entity_id,
                 e.organization_ids::uuid[], e.request_id, e.access_reason, e.data, e.content_hash, chain.prev_hash, chain.hash
            FROM event e JOIN chain ON chain.n = e.n
        )
        UPDATE audit_chain_head SET sequence = last.sequence, prev_hash = last.prev_hash, hash = last.hash
          FROM (SELECT sequence, prev_hash, hash FROM chain ORDER BY n DESC LIMIT 1) last
         WHERE audit_chain_head.id = 1
      $$`);
    for (const fn of REDACTIONS) {
      await queryRunner.query(`ALTER FUNCTION ${fn} ${definer}`);
    }
    for (const fn of [APPEND_ONE, APPEND_MANY, ...REDACTIONS]) {
      await queryRunner.query(`REVOKE EXECUTE ON FUNCTION ${fn} FROM PUBLIC`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const fn of REDACTIONS) {
      await queryRunner.query(`GRANT EXECUTE ON FUNCTION ${fn} TO PUBLIC`);
      await queryRunner.query(`ALTER FUNCTION ${fn} SECURITY INVOKER RESET search_path`);
    }
    await queryRunner.query(`DROP FUNCTION ${APPEND_MANY}`);
    await queryRunner.query(`DROP FUNCTION ${APPEND_ONE}`);
  }
}

const EVENT_COLUMNS = `sequence, occurred_at, action, actor_type, actor_user_id, actor_organization_id, entity_type, entity_id,
  organization_ids, request_id, access_reason, data, content_hash, prev_hash, hash`;
