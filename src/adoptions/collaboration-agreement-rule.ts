import { latestDay } from './adoption-review';
import { CalendarDay, CALENDAR_DAY_PATTERN, shiftDay, startOfSwedishDay } from '../common/time/swedish-time';
import { AdoptionStatus, ApprovalLevel, approvalLevelsFrom } from './adoption-status';
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

/** The window's days, from windowStart up to and including asOf, and the instant asOf ends (for discontinuations, which are instants). */
export interface AgreementWindow {
  asOf: CalendarDay;
  windowStart: CalendarDay;
  until: Date;
}

export function agreementWindow(asOf: CalendarDay): AgreementWindow {
  if (!CALENDAR_DAY_PATTERN.test(asOf)) {
    throw new Error(`asOf is not a calendar day: ${asOf}`);
  }
  return {
    asOf,
    windowStart: shiftDay(asOf, { months: -AGREEMENT_WINDOW_MONTHS }),
    until: startOfSwedishDay(shiftDay(asOf, { days: 1 })),
  };
}

export interface AgreementFacts {
  status: AdoptionStatus;
  approvedBy: ApprovalLevel | null;
  approvedAt: CalendarDay | null;
  discontinuedAt: Date | null;
  followUpsPerformedAt: CalendarDay[];
}

/** The latest approval or follow-up up to asOf of an agreement in force on asOf at a counting level, else null. */
export function agreementActivity(facts: AgreementFacts, window: AgreementWindow): CalendarDay | null {
  const { status, approvedBy, approvedAt, discontinuedAt } = facts;
  const inForce =
    status === AdoptionStatus.Adopted ||
    (status === AdoptionStatus.Discontinued && discontinuedAt !== null && discontinuedAt >= window.until);
  if (
    !inForce ||
    approvedAt === null ||
    approvedAt > window.asOf ||
    approvedBy === null ||
    !COUNTING_APPROVAL_LEVELS.includes(approvedBy)
  ) {
    return null;
  }
  return latestDay(approvedAt, ...facts.followUpsPerformedAt.filter((performedAt) => performedAt <= window.asOf));
}

export function isCurrentAgreement(facts: AgreementFacts, window: AgreementWindow): boolean {
  const activity = agreementActivity(facts, window);
  return activity !== null && activity >= window.windowStart;
}

/** Whether one municipality has a current agreement with one type of partner (latestActivityAt null: none). */
export interface MunicipalityPartnerFinding {
  municipalityCode: string;
  partnerType: OrganizationType;
  latestActivityAt: CalendarDay | null;
}

export interface CountyShare {
  countyCode: string;
  municipalities: number;
  partnerTypes: { partnerType: OrganizationType; withAgreement: number; share: number }[];
}

/** Per county and partner type, the share of its municipalities (those with social services) that have a current agreement. */
export function countyShares(
  findings: readonly MunicipalityPartnerFinding[],
  partnerTypes: readonly OrganizationType[],
): CountyShare[] {
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
          const withAgreement = rows.filter(
            (row) => row.partnerType === partnerType && row.latestActivityAt !== null,
          ).length;
          return { partnerType, withAgreement, share: Math.round((withAgreement / municipalities) * 10_000) / 10_000 };
        }),
      };
    });
}
