import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CalendarDay } from '../../common/time/swedish-time';
import { ReminderKind, ReminderSubject } from '../../reminders/reminder-kind';

/** One staff member's inbox entry, made by a reminder. Ids, codes and already-guarded titles only. */
@Entity('notification')
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Insertion order: the keyset for newest-first pages. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ name: 'reminder_id', type: 'uuid' })
  reminderId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ReminderKind;

  @Column({ name: 'subject_type', type: 'varchar', length: 16 })
  subjectType!: ReminderSubject;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ name: 'case_number', type: 'varchar', length: 32, nullable: true })
  caseNumber!: string | null;

  @Column({ name: 'step_key', type: 'varchar', length: 64, nullable: true })
  stepKey!: string | null;

  @Column({ name: 'adoption_id', type: 'uuid', nullable: true })
  adoptionId!: string | null;

  /** The step's or routine's title, which passed the privacy guard when it was written. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  title!: string | null;

  /** When the reminder fell due (for a due-soon reminder: remindBefore ahead of the step's due time). */
  @Column({ name: 'remind_at', type: 'timestamptz' })
  remindAt!: Date;

  /** The case step's due time: the deadline the reminder is about. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  /** The day the adoption's follow-up is due. */
  @Column({ name: 'review_due_on', type: 'date', nullable: true })
  reviewDueOn!: CalendarDay | null;

  /** API path of the subject, e.g. `/api/v1/cases/<id>`. */
  @Column({ type: 'varchar', length: 200 })
  link!: string;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
