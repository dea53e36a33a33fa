import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CalendarDay } from '../../common/time/swedish-time';

/** A recorded review of an adopted routine (uppföljning av överenskommelsen). */
@Entity('adoption_follow_up')
export class AdoptionFollowUp {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'adoption_id', type: 'uuid' })
  adoptionId!: string;

  /** The day the follow-up was done. */
  @Column({ name: 'performed_at', type: 'date' })
  performedAt!: CalendarDay;

  @Column({ name: 'outcome_code', type: 'varchar', length: 50 })
  outcomeCode!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
