import type { DataSource, EntityManager } from 'typeorm';
import { queryBuilder } from '../database/query/query-builder';
import { AuditContent, CanonicalLink, ChainLink, GENESIS_HASH } from './audit-chain';
import { REDACTION_ACTION, type RedactableAuditField } from './audit-redaction';
import { canonicalJsonText } from './canonical-json';
import type { AuditVisibility } from './audit-visibility';
import type { AuditEvent } from './entities/audit-event.entity';

export interface AuditEventFilter {
  from?: Date;
  /** Exclusive. */
  to?: Date;
  action?: string;
  actorUserId?: string;
  organizationId?: string;
  entityType?: string;
  entityId?: string;
}

export interface AuditEventRange {
  visibility: AuditVisibility;
  filter: AuditEventFilter;
  afterSequence: number;
  /** Inclusive upper bound, so a long read sees one consistent stretch of the chain. */
  throughSequence?: number;
}

/** One audit_event row as selected below: every column as text, which the driver hands over without parsing. */
interface AuditEventRow {
  sequence: string;
  occurred_at: string;
  action: string;
  actor_type: 'user' | 'client' | 'system';
  actor_user_id: string | null;
  actor_organization_id: string | null;
  entity_type: string;
  entity_id: string;
  organization_ids: string;
  request_id: string | null;
  access_reason: string | null;
  data: string;
  content_hash: string;
  prev_hash: string;
  hash: string;
}

// Text in, parsed here: the driver's generic array, bytea and timestamp parsers cost three times as much per row.
// PostgreSQL formats the timestamp exactly as Date.toISOString() does (UTC, milliseconds); appends store
// milliseconds only, so nothing is lost.
const CONTENT_COLUMNS = `sequence, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at, action,
  actor_type, actor_user_id, actor_organization_id, entity_type, entity_id, organization_ids::text AS organization_ids, request_id,
  access_reason, data::text AS data`;
const COLUMNS = `${CONTENT_COLUMNS}, encode(content_hash, 'hex') AS content_hash, encode(prev_hash, 'hex') AS prev_hash,
  encode(hash, 'hex') AS hash`;

/**
 * Reads the audit trail in keyset batches on `sequence` with plain SQL: no entity hydration, so a million
 * events stream through verification and export quickly and in constant memory.
 */
export async function readAuditEvents(
  manager: EntityManager,
  range: AuditEventRange,
  limit: number,
): Promise<ChainLink[]> {
  const params: unknown[] = [range.afterSequence];
  const where = ['sequence > $1'];
  const add = (condition: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (range.throughSequence !== undefined) {
    add((p) => `sequence <= ${p}`, range.throughSequence);
  }
  if (!range.visibility.everything) {
    add((p) => `organization_ids && ${p}::uuid[]`, range.visibility.organizationIds);
  }
  const { filter } = range;
  if (filter.from) {
    add((p) => `occurred_at >= ${p}`, filter.from.toISOString());
  }
  if (filter.to) {
    add((p) => `occurred_at < ${p}`, filter.to.toISOString());
  }
  if (filter.action) {
    add((p) => `action = ${p}`, filter.action);
  }
  if (filter.actorUserId) {
    add((p) => `actor_user_id = ${p}`, filter.actorUserId);
  }
  if (filter.organizationId) {
    add((p) => `organization_ids @> ARRAY[${p}::uuid]`, filter.organizationId);
  }
  if (filter.entityType) {
    add((p) => `entity_type = ${p}`, filter.entityType);
  }
  if (filter.entityId) {
    add((p) => `entity_id = ${p}`, filter.entityId);
  }
  params.push(limit);
  const rows = await manager.query<AuditEventRow[]>(
    `SELECT ${COLUMNS} FROM audit_event WHERE ${where.join(' AND ')} ORDER BY sequence LIMIT $${params.length}`,
    params,
  );
  return rows.map(toLink);
}

/** A column as its JSON text, as JSON.stringify writes the value the row reader gives for it (NULL: null). */
const jsonOf = (column: string) => `coalesce(to_json(${column})::text, 'null')`;

// The canonical content around `data`, written by PostgreSQL in the verifier's query (in the database's process,
// beside the walk): its to_json escapes a string exactly as JSON.stringify does (test/integration/audit-canonical-
// sql.int-spec.ts), and the keys are written in their RFC 8785 order, as canonicalContent writes them.
const CANONICAL_COLUMNS = `sequence,
  '{"accessReason":' || ${jsonOf('access_reason')} || ',"action":' || ${jsonOf('action')}
    || ',"actor":{"organizationId":' || ${jsonOf('actor_organization_id')} || ',"type":' || ${jsonOf('actor_type')}
    || ',"userId":' || ${jsonOf('actor_user_id')} || '},"data":' AS content_head,
  data::text AS data,
  ',"entity":{"id":' || ${jsonOf('entity_id')} || ',"type":' || ${jsonOf('entity_type')}
    || '},"occurredAt":"' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    || '","organizationIds":' || ${jsonOf('organization_ids')} || ',"requestId":' || ${jsonOf('request_id')} || '}' AS content_tail,
  action = $3 AS redaction,
  encode(content_hash, 'hex') AS content_hash, encode(prev_hash, 'hex') AS prev_hash, encode(hash, 'hex') AS hash`;

interface CanonicalRow {
  sequence: string;
  content_head: string;
  data: string;
  content_tail: string;
  redaction: boolean;
  content_hash: string;
  prev_hash: string;
  hash: string;
}

/**
 * The whole trail's next `limit` events after `afterSequence` as the verifier walks them: each content in its
 * canonical form, no content objects built (only a redaction event's data is parsed, for the walk to confirm it).
 */
export async function readCanonicalLinks(
  manager: EntityManager,
  afterSequence: number,
  limit: number,
): Promise<CanonicalLink[]> {
  const rows = await manager.query<CanonicalRow[]>(
    `SELECT ${CANONICAL_COLUMNS} FROM audit_event WHERE sequence > $1 ORDER BY sequence LIMIT $2`,
    // A parameter, not part of the text: this module and audit-redaction import each other, so the constant is
    // only read at call time.
    [afterSequence, limit, REDACTION_ACTION],
  );
  return rows.map((row) => {
    const sequence = Number(row.sequence);
    return {
      sequence,
      canonicalContent: row.content_head + canonicalJsonText(row.data) + row.content_tail,
      contentHash: row.content_hash,
      prevHash: row.prev_hash,
      hash: row.hash,
      redactionEvent: row.redaction
        ? { sequence, content: { action: REDACTION_ACTION, data: JSON.parse(row.data) as Record<string, unknown> } }
        : null,
    };
  });
}

export async function readChainHead(manager: EntityManager): Promise<{ sequence: number; hash: string }> {
  const [head] = await manager.query<
    {
      sequence: string;
      hash: string;
    }[]
  >(`SELECT sequence, encode(hash, 'hex') AS hash FROM audit_chain_head WHERE id = 1`);
  return { sequence: Number(head.sequence), hash: head.hash };
}

/**
 * Events staged in `table` (audit_event's columns but the hashes, e.g. a generated history) in sequence order,
 * with their content exactly as verification will read it back once they are in the trail.
 */
export async function readStagedEvents(
  manager: EntityManager,
  table: string,
  afterSequence: number,
  limit: number,
): Promise<{ sequence: number; content: AuditContent }[]> {
  const rows = await manager.query<AuditEventRow[]>(
    `SELECT ${CONTENT_COLUMNS} FROM ${table} WHERE sequence > $1 ORDER BY sequence LIMIT $2`,
    [afterSequence, limit],
  );
  return rows.map((row) => ({ sequence: Number(row.sequence), content: toContent(row) }));
}

/** The chain head, locked until commit: nothing else appends while the caller extends the chain itself. */
export async function lockChainHead(manager: EntityManager): Promise<{ sequence: number; hash: string }> {
  const [head] = await manager.query<{ sequence: string; hash: string }[]>(
    `SELECT sequence, encode(hash, 'hex') AS hash FROM audit_chain_head WHERE id = 1 FOR UPDATE`,
  );
  return { sequence: Number(head.sequence), hash: head.hash };
}

/** Moves staged events into the trail with the hashes computed for them (hex), then the head to the last of them. */
export async function insertStagedEvents(
  manager: EntityManager,
  table: string,
  links: { sequence: number; contentHash: string; prevHash: string; hash: string }[],
): Promise<void> {
  if (links.length === 0) {
    return;
  }
  await manager.query(
    `WITH link AS (
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS l(sequence, content_hash, prev_hash, hash)),
     inserted AS (
       INSERT INTO audit_event (sequence, occurred_at, action, actor_type, actor_user_id, actor_organization_id, entity_type, entity_id,
                                organization_ids, request_id, access_reason, data, content_hash, prev_hash, hash)
       SELECT s.sequence, s.occurred_at, s.action, s.actor_type, s.actor_user_id, s.actor_organization_id, s.entity_type, s.entity_id,
              s.organization_ids, s.request_id, s.access_reason, s.data,
              decode(link.content_hash, 'hex'), decode(link.prev_hash, 'hex'), decode(link.hash, 'hex')
         FROM link JOIN ${table} s ON s.sequence = link.sequence)
     UPDATE audit_chain_head SET sequence = last.sequence, prev_hash = decode(last.prev_hash, 'hex'), hash = decode(last.hash, 'hex')
       FROM (SELECT * FROM link ORDER BY sequence DESC LIMIT 1) last
      WHERE audit_chain_head.id = 1`,
    [
      links.map((link) => link.sequence),
      links.map((link) => link.contentHash),
      links.map((link) => link.prevHash),
      links.map((link) => link.hash),
    ],
  );
}

/** The stored hash of each event asked for (sequence 0: the chain's starting value); absent when there is none. */
export async function readHashesAt(manager: EntityManager, sequences: number[]): Promise<Map<number, string>> {
  const rows = await manager.query<
    {
      sequence: string;
      hash: string;
    }[]
  >(`SELECT sequence, encode(hash, 'hex') AS hash FROM audit_event WHERE sequence = ANY($1::bigint[])`, [sequences]);
  return new Map([[0, GENESIS_HASH.toString('hex')], ...rows.map((row) => [Number(row.sequence), row.hash] as const)]);
}

/** Redacts one field of one event through `audit_redact_event`, the only change the trail's triggers let through. */
export async function redactEventField(
  manager: EntityManager,
  sequence: number,
  field: RedactableAuditField,
  path: unknown[],
  target: string,
): Promise<void> {
  await manager.query(`SELECT audit_redact_event($1, $2, $3::jsonb, $4)`, [
    sequence,
    field,
    JSON.stringify(path),
    target,
  ]);
}

/** Runs `work` in one read-only snapshot of the trail, so appends made meanwhile neither show up half-way nor move the head. */
export function inTrailSnapshot<T>(dataSource: DataSource, work: (snapshot: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction('REPEATABLE READ', async (snapshot) => {
    await snapshot.query('SET TRANSACTION READ ONLY');
    return work(snapshot);
  });
}

function toLink(row: AuditEventRow): ChainLink {
  return {
    sequence: Number(row.sequence),
    content: toContent(row),
    contentHash: row.content_hash,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The event's content exactly as it was hashed. */
function toContent(row: AuditEventRow): AuditContent {
  return {
    occurredAt: row.occurred_at,
    action: row.action,
    actor: { type: row.actor_type, userId: row.actor_user_id, organizationId: row.actor_organization_id },
    entity: { type: row.entity_type, id: row.entity_id },
    organizationIds: parseUuidArray(row.organization_ids),
    requestId: row.request_id,
    accessReason: row.access_reason,
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

/** uuid[] as text is `{a,b}`: uuids are never quoted. */
function parseUuidArray(text: string): string[] {
  return text === '{}' ? [] : text.slice(1, -1).split(',');
}

/** What a case's timeline shows of each event. */
export type EntityEvent = Pick<
  AuditEvent,
  'sequence' | 'occurredAt' | 'action' | 'actorUserId' | 'actorOrganizationId' | 'data'
>;

/** The events about one entity after a sequence number, in the order of the trail (a case's timeline). */
export function readEntityEvents(
  manager: EntityManager,
  entity: { type: string; id: string },
  afterSequence: number,
  limit: number,
): Promise<EntityEvent[]> {
  return queryBuilder(manager)
    .selectFrom('audit_event')
    .select(['sequence', 'occurredAt', 'action', 'actorUserId', 'actorOrganizationId', 'data'])
    .where('entityType', '=', entity.type)
    .where('entityId', '=', entity.id)
    .where('sequence', '>', String(afterSequence))
    .orderBy('sequence')
    .limit(limit)
    .execute();
}
