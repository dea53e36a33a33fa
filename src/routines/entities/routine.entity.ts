import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RoutineDefinition } from '../routine-definition';

/** A collaboration routine owned by one organisation: an editable draft plus its published, immutable versions. */
@Entity('routine')
export class Routine {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'owner_organization_id', type: 'uuid' })
  ownerOrganizationId!: string;

  /** The open draft, or null when the latest version is published and nobody has edited since. */
  @Column({ type: 'jsonb', nullable: true })
  draft!: RoutineDefinition | null;

  @Column({ name: 'latest_version', type: 'integer', nullable: true })
  latestVersion!: number | null;

  /** Set when retired: no new cases or adoptions. */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
