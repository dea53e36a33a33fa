import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DueFrom, StepCondition } from '../../routines/routine-definition';
import { CaseStepStatus } from '../case-status';

/**
 * A step of a case, instantiated from the routine version's step definition (whose due rules and outcome codes
 * are copied here: the version is frozen, and a step change then needs no second lookup).
 */
@Entity('case_step')
export class CaseStep {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  /** Order of the step in the routine definition. */
  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'owner_organization_id', type: 'uuid' })
  ownerOrganizationId!: string;

  @Column({ type: 'varchar', length: 8 })
  status!: CaseStepStatus;

  @Column({ name: 'depends_on', type: 'text', array: true })
  dependsOn!: string[];

  @Column({ name: 'due_after', type: 'varchar', length: 40 })
  dueAfter!: string;

  @Column({ name: 'due_from', type: 'varchar', length: 20 })
  dueFrom!: DueFrom;

  @Column({ name: 'working_days', type: 'boolean' })
  workingDays!: boolean;

  @Column({ name: 'remind_before', type: 'varchar', length: 40, nullable: true })
  remindBefore!: string | null;

  @Column({ name: 'escalate_after', type: 'varchar', length: 40, nullable: true })
  escalateAfter!: string | null;

  @Column({ name: 'outcome_codes', type: 'text', array: true })
  outcomeCodes!: string[];

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  /** When the step was done or skipped, and by whom. */
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'completed_by', type: 'uuid', nullable: true })
  completedBy!: string | null;

  @Column({ name: 'outcome_code', type: 'varchar', length: 50, nullable: true })
  outcomeCode!: string | null;

  @Column({ name: 'reason_code', type: 'varchar', length: 50, nullable: true })
  reasonCode!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  /** Whether it was finished by its due time; null when it never had one (skipped while waiting). */
  @Column({ name: 'met_deadline', type: 'boolean', nullable: true })
  metDeadline!: boolean | null;

  /** The routine step's conditions on earlier results (empty: none). */
  @Column({ type: 'jsonb' })
  conditions!: StepCondition[];

  /** The assessment methods a completion must record one of (empty: no assessment). */
  @Column({ name: 'assessment_methods', type: 'text', array: true })
  assessmentMethods!: string[];

  /** The method and level a completion recorded: nothing else of an assessment is kept. */
  @Column({ name: 'assessment_method', type: 'varchar', length: 50, nullable: true })
  assessmentMethod!: string | null;

  @Column({ name: 'assessment_level', type: 'varchar', length: 50, nullable: true })
  assessmentLevel!: string | null;
}
