import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CaseStatus } from '../case-status';

/** One run of a published routine version between participating organisations. Holds no personal data. */
@Entity('collaboration_case')
export class CollaborationCase {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** `SAM-<year>-<6 digits>`, made by the system from a per-year counter. */
  @Column({ name: 'case_number', type: 'varchar', length: 16 })
  caseNumber!: string;

  @Column({ name: 'routine_id', type: 'uuid' })
  routineId!: string;

  @Column({ name: 'routine_version', type: 'integer' })
  routineVersion!: number;

  @Column({ type: 'varchar', length: 8 })
  status!: CaseStatus;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'opened_by', type: 'uuid' })
  openedBy!: string;

  @Column({ name: 'opened_by_organization_id', type: 'uuid' })
  openedByOrganizationId!: string;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy!: string | null;

  @Column({ name: 'closure_code', type: 'varchar', length: 50, nullable: true })
  closureCode!: string | null;

  /** HMAC-SHA256 of `<organizationId>:<normalised external reference>`; the reference itself is never stored. */
  @Column({ name: 'reference_hmac', type: 'bytea', nullable: true, select: false })
  referenceHmac!: Buffer | null;

  /** The organisation that gave the reference: the HMAC's scope. */
  @Column({ name: 'reference_organization_id', type: 'uuid', nullable: true })
  referenceOrganizationId!: string | null;
}
