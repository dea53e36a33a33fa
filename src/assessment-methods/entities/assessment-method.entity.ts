import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { AssessedParty, AssessmentLevel } from '../assessment-method-catalogue';

/** A standardised assessment method: reference data, never changed or deleted once added (cases keep its codes). */
@Entity('assessment_method')
export class AssessmentMethod {
  @PrimaryColumn({ type: 'varchar', length: 50 })
  code!: string;

  @Column({ name: 'name_sv', type: 'varchar', length: 200 })
  nameSv!: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn!: string;

  @Column({ type: 'varchar', length: 20 })
  assesses!: AssessedParty;

  @Column({ name: 'period_code', type: 'varchar', length: 40 })
  periodCode!: string;

  @Column({ type: 'text', array: true })
  measures!: string[];

  @Column({ type: 'jsonb' })
  levels!: AssessmentLevel[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Null for the seeded methods. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;
}
