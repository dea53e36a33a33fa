import { parseInstant } from '../adoptions/adoption-review';
import { AdoptionStatus } from '../adoptions/adoption-status';
import { OrganizationType } from '../organizations/organization-type';
import { AgreementFacts, agreementActivity, agreementWindow, countyShares, isCurrentAgreement, PARTNER_TYPES } from './collaboration-agreement-rule';

const window = agreementWindow('2026-06-15');
const adopted = (overrides: Partial<AgreementFacts> = {}): AgreementFacts => ({
  status: AdoptionStatus.Adopted,
  approvedBy: 'management',
  approvedAt: parseInstant('2023-01-10'),
  discontinuedAt: null,
  followUpsPerformedAt: [],
  ...overrides,
});

describe('agreementWindow', () => {
  it('spans the 24 months up to and including asOf, in Swedish days', () => {
    expect(window).toEqual({
      asOf: '2026-06-15',
      windowStart: '2024-06-15',
      from: parseInstant('2024-06-15'),
      until: parseInstant('2026-06-16'),
    });
  });
});

describe('isCurrentAgreement', () => {
  it('counts an agreement approved within the window', () => {
    expect(isCurrentAgreement(adopted({ approvedAt: parseInstant('2025-02-01') }), window)).toBe(true);
  });

  it('counts an old approval followed up 23 months before asOf, not one followed up 25 months before', () => {
    expect(isCurrentAgreement(adopted({ followUpsPerformedAt: [parseInstant('2024-07-15')] }), window)).toBe(true);
    expect(isCurrentAgreement(adopted({ followUpsPerformedAt: [parseInstant('2024-05-15')] }), window)).toBe(false);
  });

  it('includes both ends of the window', () => {
    expect(isCurrentAgreement(adopted({ followUpsPerformedAt: [parseInstant('2024-06-15')] }), window)).toBe(true);
    expect(isCurrentAgreement(adopted({ followUpsPerformedAt: [parseInstant('2024-06-14T23:59:59+02:00')] }), window)).toBe(false);
    expect(isCurrentAgreement(adopted({ approvedAt: parseInstant('2026-06-15T23:59:00') }), window)).toBe(true);
  });

  it('ignores what happened after asOf', () => {
    expect(isCurrentAgreement(adopted({ followUpsPerformedAt: [parseInstant('2026-06-16')] }), window)).toBe(false);
    expect(isCurrentAgreement(adopted({ approvedAt: parseInstant('2026-06-16') }), window)).toBe(false);
  });

  it('needs management approval or higher', () => {
    expect(isCurrentAgreement(adopted({ approvedAt: parseInstant('2025-02-01'), approvedBy: 'unit' }), window)).toBe(false);
    expect(isCurrentAgreement(adopted({ approvedAt: parseInstant('2025-02-01'), approvedBy: 'board' }), window)).toBe(true);
    expect(isCurrentAgreement(adopted({ approvedAt: parseInstant('2025-02-01'), approvedBy: 'council' }), window)).toBe(true);
  });

  it('needs the agreement in force on asOf: discontinued later still counts, discontinued before does not', () => {
    const recent = parseInstant('2025-02-01');
    expect(isCurrentAgreement(adopted({ approvedAt: recent, status: AdoptionStatus.Discontinued, discontinuedAt: parseInstant('2026-07-01') }), window)).toBe(true);
    expect(isCurrentAgreement(adopted({ approvedAt: recent, status: AdoptionStatus.Discontinued, discontinuedAt: parseInstant('2026-06-01') }), window)).toBe(false);
    expect(isCurrentAgreement(adopted({ approvedAt: null, approvedBy: null, status: AdoptionStatus.Implementing }), window)).toBe(false);
  });

  it('reports the latest activity up to asOf', () => {
    const facts = adopted({ followUpsPerformedAt: [parseInstant('2025-01-01'), parseInstant('2025-09-01'), parseInstant('2026-09-01')] });
    expect(agreementActivity(facts, window)).toEqual(parseInstant('2025-09-01'));
  });
});

describe('countyShares', () => {
  const at = new Date('2025-01-01T00:00:00Z');
  it('divides the municipalities with an agreement by those with social services, per county and partner type', () => {
    const findings = [
      { municipalityCode: '1060', partnerType: OrganizationType.Police, latestActivityAt: at },
      { municipalityCode: '1060', partnerType: OrganizationType.Healthcare, latestActivityAt: null },
      { municipalityCode: '1080', partnerType: OrganizationType.Police, latestActivityAt: null },
      { municipalityCode: '1080', partnerType: OrganizationType.Healthcare, latestActivityAt: null },
      { municipalityCode: '1081', partnerType: OrganizationType.Police, latestActivityAt: at },
      { municipalityCode: '1081', partnerType: OrganizationType.Healthcare, latestActivityAt: at },
      { municipalityCode: '0180', partnerType: OrganizationType.Police, latestActivityAt: null },
      { municipalityCode: '0180', partnerType: OrganizationType.Healthcare, latestActivityAt: at },
    ];
    expect(countyShares(findings, [OrganizationType.Police, OrganizationType.Healthcare])).toEqual([
      {
        countyCode: '01',
        municipalities: 1,
        partnerTypes: [
          { partnerType: 'police', withAgreement: 0, share: 0 },
          { partnerType: 'healthcare', withAgreement: 1, share: 1 },
        ],
      },
      {
        countyCode: '10',
        municipalities: 3,
        partnerTypes: [
          { partnerType: 'police', withAgreement: 2, share: 0.6667 },
          { partnerType: 'healthcare', withAgreement: 1, share: 0.3333 },
        ],
      },
    ]);
  });

  it('reports every partner type but social services and the county board', () => {
    expect(PARTNER_TYPES).toEqual(['police', 'healthcare', 'school', 'prosecution', 'prison_probation', 'womens_shelter', 'other']);
  });
});
