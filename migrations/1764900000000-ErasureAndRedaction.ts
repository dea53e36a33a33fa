import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure of personal data that got past the privacy guard (docs/data-protection.md, "Remedy"): the two-person
 * requests, one pure function that redacts a value inside a JSON document, and the only ways to change the two
 * tables whose triggers refuse changes — `audit_redact_event` and `routine_version_redact`. The triggers let an
 * UPDATE through only while one of those functions runs for that very row, and only to the redactable columns.
 */
export class ErasureAndRedaction1764900000000 implements MigrationInterface {
  name = 'ErasureAndRedaction1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE erasure_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        target_table varchar(63) NOT NULL,
        target_column varchar(63) NOT NULL,
        row_key jsonb NOT NULL,
        path jsonb NOT NULL DEFAULT '[]',
        target varchar(5) NOT NULL CHECK (target IN ('value','key')),
        kind varchar(40) NOT NULL,
        reason_code varchar(40) NOT NULL CHECK (reason_code IN ('personal_data_leak','retention','data_subject_request')),
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','performed','rejected','withdrawn')),
        requested_by uuid NOT NULL REFERENCES app_user(id),
        requested_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        decided_by uuid REFERENCES app_user(id),
        decided_at timestamptz,
        CHECK ((status = 'pending') = (decided_at IS NULL)),
        CHECK ((status IN ('pending','withdrawn')) = (decided_by IS NULL)),
        -- Two people: whoever decides did not request (the service says so first, with a 403).
        CHECK (decided_by IS DISTINCT FROM requested_by)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX erasure_request_pending_key ON erasure_request (target_table, target_column, row_key, path, target) WHERE status = 'pending'`,
    );
    await queryRunner.query(`CREATE INDEX erasure_request_status_idx ON erasure_request (status, requested_at, id)`);

    // Path segments: an object key (string), an array index (number), or {"keyAt": n}, the n-th key in jsonb order.
    await queryRunner.query(`
      CREATE FUNCTION erasure_redact_jsonb(doc jsonb, path jsonb, target text) RETURNS jsonb
      LANGUAGE plpgsql IMMUTABLE AS $$
      DECLARE
        marker CONSTANT text := '[redacted]';
        steps text[] := '{}';
        node jsonb := doc;
        segment jsonb;
        step text;
        renamed text;
        n integer;
      BEGIN
        IF jsonb_typeof(path) IS DISTINCT FROM 'array' OR target NOT IN ('value','key') THEN
          RAISE EXCEPTION 'erasure path must be a JSON array and target value or key' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        n := jsonb_array_length(path);
        IF target = 'key' AND n = 0 THEN
          RAISE EXCEPTION 'a key target needs a path' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        FOR i IN 0 .. n - 1 LOOP
          segment := path -> i;
          step := NULL;
          IF jsonb_typeof(node) = 'array' AND jsonb_typeof(segment) = 'number' THEN
            IF (segment #>> '{}') ~ '^[0-9]{1,9}$' AND (segment #>> '{}')::integer < jsonb_array_length(node) THEN step := segment #>> '{}'; END IF;
          ELSIF jsonb_typeof(node) = 'object' AND jsonb_typeof(segment) = 'string' THEN
            IF node ? (segment #>> '{}') THEN step := segment #>> '{}'; END IF;
          ELSIF jsonb_typeof(node) = 'object' AND jsonb_typeof(segment -> 'keyAt') = 'number' AND (segment ->> 'keyAt') ~ '^[0-9]{1,9}$' THEN
            SELECT k INTO step FROM jsonb_object_keys(node) WITH ORDINALITY AS keys(k, position) WHERE position = (segment ->> 'keyAt')::bigint + 1;
          END IF;
          IF step IS NULL THEN
            RAISE EXCEPTION 'erasure path leads nowhere' USING ERRCODE = 'no_data_found';
          END IF;
          IF i = n - 1 AND target = 'key' THEN
            IF jsonb_typeof(node) <> 'object' OR step LIKE marker || '%' THEN
              RAISE EXCEPTION 'erasure target is not a key, or is redacted already' USING ERRCODE = 'no_data_found';
            END IF;
            renamed := marker;
            FOR suffix IN 2 .. 1000 LOOP
              EXIT WHEN NOT node ? renamed;
              renamed := marker || ' ' || suffix;
            END LOOP;
            node := (node - step) || jsonb_build_object(renamed, node -> step);
            RETURN CASE WHEN n = 1 THEN node ELSE jsonb_set(doc, steps, node) END;
          END IF;
          steps := steps || step;
          node := CASE jsonb_typeof(node) WHEN 'array' THEN node -> step::integer ELSE node -> step END;
        END LOOP;
        IF jsonb_typeof(node) NOT IN ('string','number') OR node = to_jsonb(marker) THEN
          RAISE EXCEPTION 'erasure target is not a string or number, or is redacted already' USING ERRCODE = 'no_data_found';
        END IF;
        RETURN CASE WHEN n = 0 THEN to_jsonb(marker) ELSE jsonb_set(doc, steps, to_jsonb(marker)) END;
      END $$`);

    // The trail stays append-only; the one exception is an UPDATE made by audit_redact_event for the row it names.
    await queryRunner.query(
      refuseChanges('audit_event', 'is append-only', {
        flag: 'samverkan.audit_redaction',
        row: 'OLD.sequence::text',
        kept: [
          'sequence',
          'occurred_at',
          'action',
          'actor_type',
          'actor_user_id',
          'actor_organization_id',
          'entity_type',
          'organization_ids',
          'content_hash',
          'prev_hash',
          'hash',
        ],
      }),
    );
    await queryRunner.query(`
      CREATE FUNCTION audit_redact_event(p_sequence bigint, p_field text, p_path jsonb, p_target text) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE
        event audit_event;
        marker CONSTANT text := '[redacted]';
        scalar text;
      BEGIN
        SELECT * INTO event FROM audit_event WHERE sequence = p_sequence FOR UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'audit event does not exist' USING ERRCODE = 'no_data_found';
        END IF;
        IF event.action = 'audit_event.redacted' THEN
          RAISE EXCEPTION 'a redaction record is not redacted' USING ERRCODE = 'feature_not_supported';
        END IF;
        IF p_field <> 'data' THEN
          scalar := CASE p_field WHEN 'access_reason' THEN event.access_reason WHEN 'request_id' THEN event.request_id WHEN 'entity_id' THEN event.entity_id END;
          IF p_field NOT IN ('access_reason','request_id','entity_id') THEN
            RAISE EXCEPTION 'this field of an audit event is not redacted' USING ERRCODE = 'feature_not_supported';
          END IF;
          IF p_path IS DISTINCT FROM '[]'::jsonb OR p_target <> 'value' OR scalar IS NULL OR scalar = marker THEN
            RAISE EXCEPTION 'erasure target is empty or redacted already' USING ERRCODE = 'no_data_found';
          END IF;
        END IF;
        PERFORM set_config('samverkan.audit_redaction', p_sequence::text, true);
        UPDATE audit_event SET
          data = CASE WHEN p_field = 'data' THEN erasure_redact_jsonb(data, p_path, p_target) ELSE data END,
          access_reason = CASE WHEN p_field = 'access_reason' THEN marker ELSE access_reason END,
          request_id = CASE WHEN p_field = 'request_id' THEN marker ELSE request_id END,
          entity_id = CASE WHEN p_field = 'entity_id' THEN marker ELSE entity_id END
        WHERE sequence = p_sequence;
        PERFORM set_config('samverkan.audit_redaction', '', true);
      END $$`);

    // Published versions stay frozen, but for a redaction of their definition through routine_version_redact.
    await queryRunner.query(
      refuseChanges('routine_version', 'is immutable', {
        flag: 'samverkan.routine_version_redaction',
        row: `OLD.routine_id::text || ':' || OLD.version::text`,
        kept: ['routine_id', 'version', 'checksum', 'published_at', 'published_by'],
      }),
    );
    await queryRunner.query(`
      CREATE FUNCTION routine_version_redact(p_routine_id uuid, p_version integer, p_path jsonb, p_target text) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM set_config('samverkan.routine_version_redaction', p_routine_id::text || ':' || p_version::text, true);
        UPDATE routine_version SET definition = erasure_redact_jsonb(definition, p_path, p_target)
         WHERE routine_id = p_routine_id AND version = p_version;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'routine version does not exist' USING ERRCODE = 'no_data_found';
        END IF;
        PERFORM set_config('samverkan.routine_version_redaction', '', true);
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION routine_version_redact(uuid, integer, jsonb, text)`);
    await queryRunner.query(refuseChanges('routine_version', 'is immutable'));
    await queryRunner.query(`DROP FUNCTION audit_redact_event(bigint, text, jsonb, text)`);
    await queryRunner.query(refuseChanges('audit_event', 'is append-only'));
    await queryRunner.query(`DROP FUNCTION erasure_redact_jsonb(jsonb, jsonb, text)`);
    await queryRunner.query(`DROP TABLE erasure_request`);
  }
}

/**
 * The trigger function `<table>_refuse_change`, which refuses UPDATE, DELETE and TRUNCATE — but with `redaction`,
 * lets an UPDATE through while the transaction-local `flag` names the row (set by the table's redaction function
 * around its own UPDATE) and every `kept` column stays as it was. The flag is not a security boundary (whoever can
 * run SQL as the owner can set it, or switch triggers off); it keeps plain statements out, and verification
 * catches any change that no chained redaction record accounts for.
 */
function refuseChanges(
  table: string,
  refusal: string,
  redaction?: { flag: string; row: string; kept: string[] },
): string {
  const exception = redaction
    ? `IF TG_OP = 'UPDATE' THEN
          IF current_setting('${redaction.flag}', true) = ${redaction.row}
             AND (${redaction.kept.map((c) => `NEW.${c}`).join(', ')}) IS NOT DISTINCT FROM (${redaction.kept.map((c) => `OLD.${c}`).join(', ')}) THEN
            RETURN NEW;
          END IF;
        END IF;`
    : '';
  return `
      CREATE OR REPLACE FUNCTION ${table}_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${exception}
        RAISE EXCEPTION '${table} ${refusal}: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`;
}
