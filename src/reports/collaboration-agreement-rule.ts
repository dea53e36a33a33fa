import { DateTime } from 'luxon';
import { latestOf, SWEDISH_ZONE } from '../adoptions/adoption-review';
import { AdoptionStatus, ApprovalLevel, approvalLevelsFrom } from '../adoptions/adoption-status';
import { ORGANIZATION_TYPES, OrganizationType } from '../organizations/organization-type';

/**
 * Socialstyrelsen's open comparisons ask whether a municipality's social services have a written agreement,
 * approved by management, for collaboration in individual cases with each kind of partner, followed up within the
 * last 24 months. Here: an adoption by the municipality's social services, in force on asOf, approved at
 * management level or higher, with a partner organisation of that type, whose approval or latest follow-up lies
 * within the 24 months up to and including asOf.
 */
export const AGREEMENT_WINDOW_MONTHS = 24;
export const COUNTING_APPROVAL_LEVELS: readonly ApprovalLevel[] = approvalLevelsFrom('management');
/** The kinds of partner the indicator is reported for: every organisation type but the social services themselves and the county board. */
export const PARTNER_TYPES: readonly OrganizationType[] = ORGANIZATION_TYPES.filter(
  (type) => type !== OrganizationType.SocialServices && type !== OrganizationType.CountyBoard,
);

/** asOf as a Swedish calendar day, and the instants bounding the window: from ≤ activity < until. */
export interface AgreementWindow {
  asOf: string;
  windowStart: string;
  from: Date;
  until: Date;
}

export function agreementWindow(asOf: string): AgreementWindow {
  const day = DateTime.fromISO(asOf, { zone: SWEDISH_ZONE }).startOf('day');
  if (!day.isValid) throw new Error(`asOf is not an ISO 8601 date: ${asOf}`);
  const start = day.minus({ months: AGREEMENT_WINDOW_MONTHS });
  return { asOf: day.toISODate() as string, windowStart: start.toISODate() as string, from: start.toJSDate(), until: day.plus({ days: 1 }).toJSDate() };
}

export const todayInSweden = (now = new Date()) => DateTime.fromJSDate(now, { zone: SWEDISH_ZONE }).toISODate() as string;

export interface AgreementFacts {
  status: AdoptionStatus;
  approvedBy: ApprovalLevel | null;
  approvedAt: Date | null;
  discontinuedAt: Date | null;
  followUpsPerformedAt: Date[];
}

/** The latest approval or follow-up up to asOf of an agreement in force on asOf at a counting level, else null. */
export function agreementActivity(facts: AgreementFacts, window: AgreementWindow): Date | null {
  const { status, approvedBy, approvedAt, discontinuedAt } = facts;
  const inForce =
    status === AdoptionStatus.Adopted || (status === AdoptionStatus.Discontinued && discontinuedAt !== null && discontinuedAt >= window.until);
  if (!inForce || approvedAt === null || approvedAt >= window.until || approvedBy === null || !COUNTING_APPROVAL_LEVELS.includes(approvedBy)) {
    return null;
  }
  return latestOf(approvedAt, ...facts.followUpsPerformedAt.filter((performedAt) => performedAt < window.until));
}

export function isCurrentAgreement(facts: AgreementFacts, window: AgreementWindow): boolean {
  const activity = agreementActivity(facts, window);
  return activity !== null && activity >= window.from;
}

/** Whether one municipality has a current agreement with one type of partner (latestActivityAt null: none). */
export interface MunicipalityPartnerFinding {
  municipalityCode: string;
  partnerType: OrganizationType;
  latestActivityAt: Date | null;
}

export interface CountyShare {
  countyCode: string;
  municipalities: number;
  partnerTypes: { partnerType: OrganizationType; withAgreement: number; share: number }[];
}

/** Per county and partner type, the share of its municipalities (those with social services) that have a current agreement. */
export function countyShares(findings: readonly MunicipalityPartnerFinding[], partnerTypes: readonly OrganizationType[]): CountyShare[] {
  const counties = new Map<string, MunicipalityPartnerFinding[]>();
  for (const finding of findings) {
    const county = finding.municipalityCode.slice(0, 2);
    counties.set(county, [...(counties.get(county) ?? []), finding]);
  }
  return [...counties.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([countyCode, rows]) => {
      const municipalities = new Set(rows.map((row) => row.municipalityCode)).size;
      return {
        countyCode,
        municipalities,
        partnerTypes: partnerTypes.map((partnerType) => {
          const withAgreement = rows.filter((row) => row.partnerType === partnerType && row.latestActivityAt !== null).length;
          return { partnerType, withAgreement, share: Math.round((withAgreement / municipalities) * 10_000) / 10_000 };
        }),
      };
    });
}
