import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An organisation's registered endpoint. Secrets are kept sealed (webhook-secret.ts) and shown only when made. */
@Entity('webhook_subscription')
export class WebhookSubscription {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  @Column({ type: 'text', array: true })
  events!: string[];

  @Column({ name: 'secret_ciphertext', type: 'text', select: false })
  secretCiphertext!: string;

  /** The secret before the last rotation, still used (besides the new one) until previousSecretExpiresAt. */
  @Column({ name: 'previous_secret_ciphertext', type: 'text', nullable: true, select: false })
  previousSecretCiphertext!: string | null;

  /** The sequence number of its latest message (0: none yet). */
  @Column({ name: 'last_sequence', type: 'bigint', default: 0, insert: false, update: false })
  lastSequence!: string;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
