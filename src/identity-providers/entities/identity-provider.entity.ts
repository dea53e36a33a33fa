import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../../common/auth/role';

/** An organisation's OpenID Connect provider (a municipality's IdP, Inera's IdP, Freja OrgID) and how its claims map. */
@Entity('identity_provider')
export class IdentityProvider {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 500 })
  issuer!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 200 })
  clientId!: string;

  /** AES-256-GCM under the configured key (secret-box.ts); never returned. */
  @Column({ name: 'client_secret_encrypted', type: 'bytea', select: false })
  clientSecretEncrypted!: Buffer;

  @Column({ type: 'text', array: true })
  scopes!: string[];

  /** Accepted `acr` values; empty: any. */
  @Column({ name: 'required_acr', type: 'text', array: true, default: () => "'{}'" })
  requiredAcr!: string[];

  @Column({ name: 'organization_claim', type: 'varchar', length: 100 })
  organizationClaim!: string;

  /** Claim value → organisation id. */
  @Column({ type: 'jsonb' })
  organizations!: Record<string, string>;

  @Column({ name: 'role_claim', type: 'varchar', length: 100 })
  roleClaim!: string;

  /** Claim value → role. */
  @Column({ type: 'jsonb' })
  roles!: Record<string, Role>;

  @Column({ name: 'email_claim', type: 'varchar', length: 100, default: 'email' })
  emailClaim!: string;

  @Column({ name: 'name_claim', type: 'varchar', length: 100, default: 'name' })
  nameClaim!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
