import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { ReasonCodeKind } from '../reason-code-kind';

/** One code of the installation's closed set for a kind. Never deleted: retiring stops new use, old rows keep it. */
@Entity('reason_code')
export class ReasonCode {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  kind!: ReasonCodeKind;

  @PrimaryColumn({ type: 'varchar', length: 50 })
  code!: string;

  @Column({ name: 'label_sv', type: 'varchar', length: 200 })
  labelSv!: string;

  @Column({ name: 'label_en', type: 'varchar', length: 200 })
  labelEn!: string;

  /** Written by the system itself (`case_closed` on a forced close): listed, but neither chosen by users nor retired. */
  @Column({ name: 'system_only', type: 'boolean', default: false })
  systemOnly!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Null for the codes the migration seeded. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @Column({ name: 'retired_by', type: 'uuid', nullable: true })
  retiredBy!: string | null;
}
