import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ReminderKind, ReminderStatus, ReminderSubject } from '../reminder-kind';

/**
 * A reminder that falls due at a given time, written in the same transaction as the change that causes it
 * (case created, step activated, adoption adopted or followed up). The database row is the truth; the queue
 * job (id `reminder-<id>`) is rebuilt from it. Rows are never rescheduled in place: cancel and add a new one.
 */
@Entity('reminder')
export class Reminder {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ReminderKind;

  @Column({ name: 'subject_type', type: 'varchar', length: 16 })
  subjectType!: ReminderSubject;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ name: 'step_key', type: 'varchar', length: 64, nullable: true })
  stepKey!: string | null;

  @Column({ name: 'adoption_id', type: 'uuid', nullable: true })
  adoptionId!: string | null;

  /** The organisation whose staff the reminder is for (the step's owner, the adopting organisation). */
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'varchar', length: 16, default: ReminderStatus.Pending })
  status!: ReminderStatus;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** When the worker last put the row's job on the queue (NULL: not yet, or its job was removed). */
  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true })
  queuedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
