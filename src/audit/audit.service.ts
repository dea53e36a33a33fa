import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../common/auth/request-context';
import { MicroBatcher } from '../queue/micro-batcher';
import type { AuditAction } from './audit-actions';
import { AuditContent, ChainVerification, contentHash } from './audit-chain';
import { inTrailSnapshot, readAuditEvents, redactEventField } from './audit-event.repository';
import { RedactableAuditField, REDACTION_ACTION } from './audit-redaction';
import { verifyChain, VERIFY_BATCH_SIZE } from './audit-verification';

/**
 * Group commit of audited reads: the events of concurrent reads are appended by one statement (one chain-lock
 * hold, one commit flush). No added wait: a read's event goes at once when an append slot is free, and whatever
 * arrives while both slots are busy forms the next batch, of at most maxSize events.
 */
const READ_BATCH = { maxSize: 200, maxWaitMs: 0, maxConcurrent: 2 };

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

interface ActorEntry {
  actor: AuditActor;
  entry: AuditEntry;
}

/** Appends to, reads and verifies the hash-chained audit trail. */
@Injectable()
export class AuditService implements OnModuleDestroy {
  private readonly reads = new MicroBatcher<ActorEntry, void>(async (events) => {
    // One statement outside an explicit transaction: it commits (durably) on its own, all events or none.
    await this.appendEvents(this.dataSource.manager, events);
    return events.map(() => undefined);
  }, READ_BATCH);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Lets the reads in flight finish their appends before the connections close. */
  async onModuleDestroy(): Promise<void> {
    await this.reads.drained();
  }

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
    await this.appendEvents(
      manager,
      entries.map((entry) => ({ actor, entry })),
    );
  }

  /**
   * Appends an audited read's event on its own commit, batched with the events of concurrent reads (group commit):
   * it resolves once the event is durably committed, and rejects when its append fails (a failed batch is retried
   * event by event, so only a bad event fails its own read). The read must not answer before it resolves.
   */
  async record(actor: AuditActor, entry: AuditEntry): Promise<void> {
    await this.reads.submit({ actor, entry });
  }

  private async appendEvents(manager: EntityManager, events: ActorEntry[]): Promise<void> {
    if (events.length <= 1) {
      if (events.length === 1) {
        await this.append(manager, events[0].actor, events[0].entry);
      }
      return;
    }
    const occurredAt = new Date();
    const rows = events.map(({ actor, entry }) => eventValues(buildContent(actor, entry, occurredAt)));
    await manager.query(
      `SELECT audit_append_events($1::bytea[], $2::varchar[], $3::varchar[], $4::uuid[], $5::uuid[], $6::varchar[], $7::varchar[],
                                  $8::text[], $9::varchar[], $10::varchar[], $11::jsonb[], $12::timestamptz)`,
      [...rows[0].map((_, column) => rows.map((row) => row[column])), occurredAt.toISOString()],
    );
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
   * Walks the whole chain (verifyChain) in one snapshot, so appends made meanwhile neither show up half-way nor
   * look like a broken head; with a manager, in the caller's snapshot.
   */
  async verify(manager?: EntityManager, batchSize = VERIFY_BATCH_SIZE): Promise<ChainVerification> {
    if (!manager) {
      return inTrailSnapshot(this.dataSource, (snapshot) => verifyChain(snapshot, batchSize));
    }
    return verifyChain(manager, batchSize);
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
