import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A domain event (e.g. `case.step.completed`) written in the transaction of the change it reports, for
 * side effects that must not be lost or happen for a change that rolled back (webhook deliveries).
 * Payloads hold ids and codes only.
 */
@Entity('outbox_event')
export class OutboxEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Insertion order: the order events are dispatched in, and so of each subscription's sequence numbers. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ type: 'varchar', length: 100 })
  type!: string;

  /** Organisations whose subscribers may receive it. */
  @Column({ name: 'organization_ids', type: 'uuid', array: true })
  organizationIds!: string[];

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** When the change happened (the statement's time, so a change that waited for a lock is dated when it was made). */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt!: Date | null;
}
