import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One link of the append-only, hash-chained audit trail. Rows are written only by AuditService.append. */
@Entity('audit_event')
export class AuditEvent {
  @PrimaryColumn({ type: 'bigint' })
  sequence!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType!: 'user' | 'client' | 'system';

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'actor_organization_id', type: 'uuid', nullable: true })
  actorOrganizationId!: string | null;

  @Column({ name: 'entity_type', type: 'varchar', length: 50 })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 100 })
  entityId!: string;

  /** Organisations the event concerns (actor's and the entity's participants): what scopes an auditor's view. */
  @Column({ name: 'organization_ids', type: 'uuid', array: true })
  organizationIds!: string[];

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  @Column({ name: 'access_reason', type: 'varchar', length: 500, nullable: true })
  accessReason!: string | null;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Column({ name: 'content_hash', type: 'bytea' })
  contentHash!: Buffer;

  @Column({ name: 'prev_hash', type: 'bytea' })
  prevHash!: Buffer;

  @Column({ type: 'bytea' })
  hash!: Buffer;
}
