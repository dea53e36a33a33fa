import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AgreementWindow,
  COUNTING_APPROVAL_LEVELS,
  MunicipalityPartnerFinding,
} from '../adoptions/collaboration-agreement-rule';
import { OrganizationType } from '../organizations/organization-type';

/**
 * For every municipality with a social services organisation (in the county asked for) and every partner type:
 * the latest approval or follow-up, within the window, of an agreement that was in force on asOf at a counting
 * approval level. The same rule as agreementActivity/isCurrentAgreement, evaluated in one SQL statement. Days
 * leave it as text: the driver would make a `date` a JavaScript Date at local midnight.
 */
const FINDINGS_SQL = `
  WITH municipality AS (
    SELECT DISTINCT municipality_code FROM organization
     WHERE type = 'social_services' AND ($1::text IS NULL OR left(municipality_code, 2) = $1::text)
  ), agreement AS (
    SELECT o.municipality_code, partner.type AS partner_type,
           GREATEST(a.approved_at, (SELECT max(f.performed_at) FROM adoption_follow_up f
                                     WHERE f.adoption_id = a.id AND f.performed_at <= $3::date)) AS activity
      FROM adoption a
      JOIN organization o ON o.id = a.organization_id AND o.type = 'social_services'
      JOIN adoption_partner ap ON ap.adoption_id = a.id
      JOIN organization partner ON partner.id = ap.organization_id
     WHERE a.approved_by = ANY($4::varchar[]) AND a.approved_at <= $3::date
       AND (a.status = 'adopted' OR (a.status = 'discontinued' AND a.discontinued_at >= $6))
  )
  SELECT m.municipality_code, t.partner_type, (max(ag.activity) FILTER (WHERE ag.activity >= $2::date))::text AS latest_activity
    FROM municipality m
   CROSS JOIN unnest($5::varchar[]) WITH ORDINALITY AS t(partner_type, position)
    LEFT JOIN agreement ag ON ag.municipality_code = m.municipality_code AND ag.partner_type = t.partner_type
   GROUP BY m.municipality_code, t.partner_type, t.position
   ORDER BY m.municipality_code, t.position`;

/** The report's one statement over adoptions, their partners and organisations (read only). */
@Injectable()
export class CollaborationAgreementsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findings(
    window: AgreementWindow,
    countyCode: string | null,
    partnerTypes: OrganizationType[],
  ): Promise<MunicipalityPartnerFinding[]> {
    const rows = await this.dataSource.query<
      {
        municipality_code: string;
        partner_type: OrganizationType;
        latest_activity: string | null;
      }[]
    >(FINDINGS_SQL, [
      countyCode,
      window.windowStart,
      window.asOf,
      COUNTING_APPROVAL_LEVELS,
      partnerTypes,
      window.until,
    ]);
    return rows.map((row) => ({
      municipalityCode: row.municipality_code,
      partnerType: row.partner_type,
      latestActivityAt: row.latest_activity,
    }));
  }
}
