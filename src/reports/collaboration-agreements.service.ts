import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { swedishDay } from '../common/time/swedish-time';
import { COUNTIES, findMunicipality } from '../organizations/municipalities';
import { OrganizationType } from '../organizations/organization-type';
import { StrategyService } from '../strategy/strategy.service';
import {
  agreementWindow,
  AgreementWindow,
  COUNTING_APPROVAL_LEVELS,
  countyShares,
  MunicipalityPartnerFinding,
  PARTNER_TYPES,
} from '../adoptions/collaboration-agreement-rule';
import { CollaborationAgreementQueryDto, CollaborationAgreementReportDto } from './dto/collaboration-agreements.dto';

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

/** The collaboration-agreement indicator of Socialstyrelsen's open comparisons, live. */
@Injectable()
export class CollaborationAgreementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly strategy: StrategyService,
  ) {}

  async report(query: CollaborationAgreementQueryDto): Promise<CollaborationAgreementReportDto> {
    const window = agreementWindow(query.asOf ?? swedishDay());
    const partnerTypes = query.partnerType ? [query.partnerType] : [...PARTNER_TYPES];
    const countyCode = query.countyCode ?? query.municipalityCode?.slice(0, 2) ?? null;
    const findings = await this.findings(window, countyCode, partnerTypes);
    const shown = query.municipalityCode
      ? findings.filter((finding) => finding.municipalityCode === query.municipalityCode)
      : findings;
    return {
      asOf: window.asOf,
      period: await this.strategy.periodOn(window.asOf),
      windowStart: window.windowStart,
      approvalLevels: [...COUNTING_APPROVAL_LEVELS],
      municipalities: byMunicipality(shown),
      counties: countyShares(findings, partnerTypes).map(({ countyCode, municipalities, partnerTypes: shares }) => ({
        countyCode,
        countyName: COUNTIES[countyCode] ?? countyCode,
        municipalities,
        partnerTypes: shares,
      })),
    };
  }

  private async findings(
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

function byMunicipality(findings: MunicipalityPartnerFinding[]): CollaborationAgreementReportDto['municipalities'] {
  const municipalities = new Map<string, CollaborationAgreementReportDto['municipalities'][number]>();
  for (const finding of findings) {
    const code = finding.municipalityCode;
    let municipality = municipalities.get(code);
    if (!municipality) {
      municipality = {
        municipalityCode: code,
        municipalityName: findMunicipality(code)?.name ?? code,
        countyCode: code.slice(0, 2),
        partners: [],
      };
      municipalities.set(code, municipality);
    }
    municipality.partners.push({
      partnerType: finding.partnerType,
      current: finding.latestActivityAt !== null,
      latestActivityAt: finding.latestActivityAt,
    });
  }
  return [...municipalities.values()];
}
