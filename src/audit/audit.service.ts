import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../common/auth/request-context';
import { AuditContent, ChainVerifier, ChainVerification, contentHash } from './audit-chain';
import { readAuditEvents, readChainHead } from './audit-event.repository';

const VERIFY_BATCH_SIZE = 10_000;

export interface SystemActor {
  system: true;
  requestId?: string;
}

export const SYSTEM_ACTOR: SystemActor = { system: true };

export type AuditActor = RequestContext | SystemActor;

export interface AuditEntry {
  /** Dotted verb, e.g. `organization.created`. */
  action: string;
  entity: { type: string; id: string };
  /** Organisations the entity concerns besides the actor's own (e.g. a case's participants). */
  organizationIds?: string[];
  /** Coded fields that changed. Never passwords, secrets, or raw external references. */
  data?: Record<string, unknown>;
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
    const content = buildContent(actor, entry, new Date());
    const hash = contentHash(content);
    await manager.query(
      `WITH head AS (
         UPDATE audit_chain_head
            SET sequence = sequence + 1, prev_hash = hash, hash = sha256(hash || $1::bytea)
          WHERE id = 1
         RETURNING sequence, prev_hash, hash)
       INSERT INTO audit_event (sequence, occurred_at, action, actor_type, actor_user_id, actor_organization_id,
                                entity_type, entity_id, organization_ids, request_id, access_reason, data,
                                content_hash, prev_hash, hash)
       SELECT head.sequence, $2, $3, $4, $5, $6, $7, $8, $9::uuid[], $10, $11, $12::jsonb, $1::bytea, head.prev_hash, head.hash
         FROM head`,
      [
        hash,
        content.occurredAt,
        content.action,
        content.actor.type,
        content.actor.userId,
        content.actor.organizationId,
        content.entity.type,
        content.entity.id,
        content.organizationIds,
        content.requestId,
        content.accessReason,
        JSON.stringify(content.data),
      ],
    );
  }

  /** Appends an event on its own, for audited reads: the append is one statement, so it needs no explicit transaction. */
  async record(actor: AuditActor, entry: AuditEntry): Promise<void> {
    await this.append(this.dataSource.manager, actor, entry);
  }

  /**
   * Walks the whole chain in sequence order, in keyset batches (the next one is fetched while this one is hashed),
   * and compares it with the recorded head. Without a manager it reads one snapshot, so appends made meanwhile
   * neither show up half-way nor look like a broken head.
   */
  async verify(manager?: EntityManager, batchSize = VERIFY_BATCH_SIZE): Promise<ChainVerification> {
    if (!manager) {
      return this.dataSource.transaction('REPEATABLE READ', async (snapshot) => {
        await snapshot.query('SET TRANSACTION READ ONLY');
        return this.verify(snapshot, batchSize);
      });
    }
    const head = await readChainHead(manager);
    const verifier = new ChainVerifier();
    const batchAfter = (afterSequence: number) =>
      readAuditEvents(manager, { visibility: { everything: true }, filter: {}, afterSequence }, batchSize);
    let next = batchAfter(0);
    for (;;) {
      const links = await next;
      const more = links.length === batchSize;
      if (more) next = batchAfter(links[links.length - 1].sequence);
      for (const link of links) verifier.accept(link);
      if (!more) break;
    }
    return verifier.finish(head);
  }
}

function buildContent(actor: AuditActor, entry: AuditEntry, occurredAt: Date): AuditContent {
  const actorOrganizationId = isSystem(actor) ? null : actor.user.organizationId;
  const organizationIds = [...new Set([...(actorOrganizationId ? [actorOrganizationId] : []), ...(entry.organizationIds ?? [])])].sort();
  return {
    occurredAt: occurredAt.toISOString(),
    action: entry.action,
    actor: isSystem(actor)
      ? { type: 'system', userId: null, organizationId: null }
      : { type: 'user', userId: actor.user.id, organizationId: actorOrganizationId },
    entity: entry.entity,
    organizationIds,
    requestId: actor.requestId ?? null,
    accessReason: isSystem(actor) ? null : (actor.accessReason ?? null),
    data: entry.data ?? {},
  };
}
