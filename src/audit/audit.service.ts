import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../common/auth/request-context';
import type { AuditAction } from './audit-actions';
import { AuditContent, ChainVerifier, ChainVerification, contentHash } from './audit-chain';
import { inTrailSnapshot, readAuditEvents, readChainHead, redactEventField } from './audit-event.repository';
import { RedactableAuditField, readRedactions, REDACTION_ACTION } from './audit-redaction';

const VERIFY_BATCH_SIZE = 10_000;

export interface SystemActor {
  system: true;
  requestId?: string;
}

export const SYSTEM_ACTOR: SystemActor = { system: true };

export type AuditActor = RequestContext | SystemActor;

export interface AuditEntry {
  /** Dotted verb, e.g. `organization.created`: one of the declared actions (audit-actions.ts). */
  action: AuditAction;
  entity: { type: string; id: string };
  /** Organisations the entity concerns besides the actor's own (e.g. a case's participants). */
  organizationIds?: string[];
  /** Coded fields that changed. Never passwords, secrets, or raw external references. */
  data?: Record<string, unknown>;
}

export interface AuditRedaction {
  sequence: number;
  field: RedactableAuditField;
  path: unknown[];
  target: 'value' | 'key';
  /** What the redaction event records besides the target: who asked, who approved, why (codes and ids only). */
  record: Record<string, unknown>;
}

const isSystem = (actor: AuditActor): actor is SystemActor => 'system' in actor;

/** Appends to, reads and verifies the hash-chained audit trail. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one event inside the caller's transaction. Call it as the transaction's last statement:
   * the chain head's row lock is then held for the commit alone.
   */
  async append(manager: EntityManager, actor: AuditActor, entry: AuditEntry): Promise<void> {
    const occurredAt = new Date();
    await manager.query(
      `SELECT audit_append_event($1::bytea, $2, $3, $4::uuid, $5::uuid, $6, $7, $8::uuid[], $9, $10, $11::jsonb, $12::timestamptz)`,
      [...eventValues(buildContent(actor, entry, occurredAt)), occurredAt.toISOString()],
    );
  }

  /**
   * Appends events in the given order inside the caller's transaction, in one statement: the head is locked, the
   * chain is extended link by link (a recursive query over the content hashes made here), the events are inserted
   * and the head moves once. A batch of N events thus takes the chain lock once, not N times. Call it last.
   * (A single event takes `append`'s simpler statement, which `bench:audit` measures as the faster one alone.)
   */
  async appendMany(manager: EntityManager, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
    if (entries.length <= 1) {
      if (entries.length === 1) {
        await this.append(manager, actor, entries[0]);
      }
      return;
    }
    const occurredAt = new Date();
    const rows = entries.map((entry) => eventValues(buildContent(actor, entry, occurredAt)));
    await manager.query(
      `SELECT audit_append_events($1::bytea[], $2::varchar[], $3::varchar[], $4::uuid[], $5::uuid[], $6::varchar[], $7::varchar[],
                                  $8::text[], $9::varchar[], $10::varchar[], $11::jsonb[], $12::timestamptz)`,
      [...rows[0].map((_, column) => rows.map((row) => row[column])), occurredAt.toISOString()],
    );
  }

  /** Appends an event on its own, for audited reads: the append is one statement, so it needs no explicit transaction. */
  async record(actor: AuditActor, entry: AuditEntry): Promise<void> {
    await this.append(this.dataSource.manager, actor, entry);
  }

  /**
   * Redacts one field of an event (a JSON leaf or key of `data`, or all of `access_reason`, `request_id` or
   * `entity_id`) through the database function `audit_redact_event`, the only change the trail's triggers let
   * through, then appends the `audit_event.redacted` event that records it, with the hash of the redacted content
   * as it now is. In the caller's transaction; the append is its last statement.
   */
  async redact(manager: EntityManager, actor: AuditActor, redaction: AuditRedaction): Promise<void> {
    const { sequence, field, path, target, record } = redaction;
    await redactEventField(manager, sequence, field, path, target);
    const [redacted] = await readAuditEvents(
      manager,
      { visibility: { everything: true }, filter: {}, afterSequence: sequence - 1 },
      1,
    );
    await this.append(manager, actor, {
      action: REDACTION_ACTION,
      entity: { type: 'audit_event', id: String(sequence) },
      organizationIds: redacted.content.organizationIds,
      data: {
        ...record,
        sequence,
        field,
        path,
        target,
        redactedContentHash: contentHash(redacted.content).toString('hex'),
      },
    });
  }

  /**
   * Walks the whole chain in sequence order, in keyset batches (the next one is fetched while this one is hashed),
   * and compares it with the recorded head. Without a manager it reads one snapshot, so appends made meanwhile
   * neither show up half-way nor look like a broken head.
   */
  async verify(manager?: EntityManager, batchSize = VERIFY_BATCH_SIZE): Promise<ChainVerification> {
    if (!manager) {
      return inTrailSnapshot(this.dataSource, (snapshot) => this.verify(snapshot, batchSize));
    }
    const head = await readChainHead(manager);
    const verifier = new ChainVerifier(await readRedactions(manager, head.sequence));
    const batchAfter = (afterSequence: number) =>
      readAuditEvents(manager, { visibility: { everything: true }, filter: {}, afterSequence }, batchSize);
    let next = batchAfter(0);
    for (;;) {
      const links = await next;
      const more = links.length === batchSize;
      if (more) {
        next = batchAfter(links[links.length - 1].sequence);
      }
      for (const link of links) {
        verifier.accept(link);
      }
      if (!more) {
        break;
      }
    }
    return verifier.finish(head);
  }
}

/** An event's values in the order of the append statements' parameters $1 to $11. */
function eventValues(content: AuditContent): unknown[] {
  return [
    contentHash(content),
    content.action,
    content.actor.type,
    content.actor.userId,
    content.actor.organizationId,
    content.entity.type,
    content.entity.id,
    // An array literal (uuids need no quoting): appendMany passes one per event, and arrays of arrays must be rectangular.
    `{${content.organizationIds.join(',')}}`,
    content.requestId,
    content.accessReason,
    JSON.stringify(content.data),
  ];
}

function buildContent(actor: AuditActor, entry: AuditEntry, occurredAt: Date): AuditContent {
  const actorOrganizationId = isSystem(actor) ? null : actor.user.organizationId;
  const organizationIds = [
    ...new Set([...(actorOrganizationId ? [actorOrganizationId] : []), ...(entry.organizationIds ?? [])]),
  ].sort();
  return {
    occurredAt: occurredAt.toISOString(),
    action: entry.action,
    actor: isSystem(actor)
      ? { type: 'system', userId: null, organizationId: null }
      : { type: actor.user.client ? 'client' : 'user', userId: actor.user.id, organizationId: actorOrganizationId },
    entity: entry.entity,
    organizationIds,
    requestId: actor.requestId ?? null,
    accessReason: isSystem(actor) ? null : (actor.accessReason ?? null),
    data: entry.data ?? {},
  };
}
