import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RoutineDefinition } from '../routine-definition';

/** A published, frozen version of a routine. Never updated. */
@Entity('routine_version')
export class RoutineVersion {
  @PrimaryColumn({ name: 'routine_id', type: 'uuid' })
  routineId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  definition!: RoutineDefinition;

  /** Hex SHA-256 of the RFC 8785 canonical JSON of the definition. */
  @Column({ type: 'char', length: 64 })
  checksum!: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ name: 'published_by', type: 'uuid' })
  publishedBy!: string;
}
