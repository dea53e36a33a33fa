import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Scope } from '../../common/auth/scope';

/** A system (a case-management system) that calls the API with OAuth 2.0 client credentials, within one organisation. */
@Entity('api_client')
export class ApiClient {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The public half of its credentials (letters only). */
  @Column({ name: 'client_id', type: 'varchar', length: 64 })
  clientId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'text', array: true })
  scopes!: Scope[];

  /** SHA-256 of the secret (256 random bits; shown once, never stored). */
  @Column({ name: 'secret_hash', type: 'bytea', select: false })
  secretHash!: Buffer;

  /** Carried by its tokens as `gen`: rotating the secret ends every earlier token. */
  @Column({ name: 'secret_generation', type: 'integer', default: 0 })
  secretGeneration!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;
}
