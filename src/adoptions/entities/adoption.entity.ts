import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CalendarDay } from '../../common/time/swedish-time';
import { AdoptionStatus, ApprovalLevel } from '../adoption-status';

/** An organisation's commitment to one published version of a routine. */
@Entity('adoption')
export class Adoption {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'routine_id', type: 'uuid' })
  routineId!: string;

  @Column({ name: 'routine_version', type: 'integer' })
  routineVersion!: number;

  /** The adopting organisation. */
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: AdoptionStatus;

  /** The day the approving level decided. */
  @Column({ name: 'approved_at', type: 'date', nullable: true })
  approvedAt!: CalendarDay | null;

  @Column({ name: 'approved_by', type: 'varchar', length: 16, nullable: true })
  approvedBy!: ApprovalLevel | null;

  @Column({ name: 'review_interval_months', type: 'smallint' })
  reviewIntervalMonths!: number;

  /** The latest performedAt of its follow-ups (kept here for filtering and the indicator). */
  @Column({ name: 'last_follow_up_at', type: 'date', nullable: true })
  lastFollowUpAt!: CalendarDay | null;

  /** The day the next follow-up is due; its review reminder falls due as that day begins in Sweden. */
  @Column({ name: 'next_review_due_at', type: 'date', nullable: true })
  nextReviewDueAt!: CalendarDay | null;

  @Column({ name: 'discontinued_at', type: 'timestamptz', nullable: true })
  discontinuedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
