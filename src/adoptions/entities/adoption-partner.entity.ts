import { Entity, PrimaryColumn } from 'typeorm';

/** An organisation the adopting organisation collaborates with under the adopted routine. */
@Entity('adoption_partner')
export class AdoptionPartner {
  @PrimaryColumn({ name: 'adoption_id', type: 'uuid' })
  adoptionId!: string;

  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;
}
