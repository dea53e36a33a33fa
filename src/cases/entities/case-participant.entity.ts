import { Entity, PrimaryColumn } from 'typeorm';

/** An organisation taking part in a case: its users see the case; everyone else gets 404. */
@Entity('case_participant')
export class CaseParticipant {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;
}
