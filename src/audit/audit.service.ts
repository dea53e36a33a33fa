import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../common/auth/request-context';
import { AuditContent, ChainVerifier, ChainVerification, contentHash } from './audit-chain';
import { AuditEvent } from './entities/audit-event.entity';

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

  /** Appends an event in a transaction of its own: for audited reads. */
  async record(actor: AuditActor, entry: AuditEntry): Promise<void> {
    await this.dataSource.transaction((manager) => this.append(manager, actor, entry));
  }

  /** Walks the whole chain in sequence order, in batches, and compares it with the recorded head. */
  async verify(manager: EntityManager = this.dataSource.manager, batchSize = 5000): Promise<ChainVerification> {
    const verifier = new ChainVerifier();
    const [head] = (await manager.query(`SELECT sequence, hash FROM audit_chain_head WHERE id = 1`)) as { sequence: string; hash: Buffer }[];
    let after = 0;
    for (;;) {
      const rows = await manager
        .getRepository(AuditEvent)
        .createQueryBuilder('event')
        .where('event.sequence > :after', { after })
        .orderBy('event.sequence', 'ASC')
        .limit(batchSize)
        .getMany();
      for (const row of rows) {
        verifier.accept({ sequence: Number(row.sequence), content: toContent(row), contentHash: row.contentHash, prevHash: row.prevHash, hash: row.hash });
      }
      if (rows.length < batchSize) break;
      after = Number(rows[rows.length - 1].sequence);
    }
    return verifier.finish({ sequence: Number(head.sequence), hash: head.hash });
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

/** The event's content exactly as it was hashed. */
export function toContent(row: AuditEvent): AuditContent {
  return {
    occurredAt: row.occurredAt.toISOString(),
    action: row.action,
    actor: { type: row.actorType, userId: row.actorUserId, organizationId: row.actorOrganizationId },
    entity: { type: row.entityType, id: row.entityId },
    organizationIds: row.organizationIds,
    requestId: row.requestId,
    accessReason: row.accessReason,
    data: row.data,
  };
}
