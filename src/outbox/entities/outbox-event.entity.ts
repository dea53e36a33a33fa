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

  @Column({ type: 'varchar', length: 100 })
  type!: string;

  /** Organisations whose subscribers may receive it. */
  @Column({ name: 'organization_ids', type: 'uuid', array: true })
  organizationIds!: string[];

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt!: Date | null;
}
