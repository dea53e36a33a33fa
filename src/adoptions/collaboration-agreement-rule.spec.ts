import { AdoptionStatus } from './adoption-status';
import { OrganizationType } from '../organizations/organization-type';
import {
  AgreementFacts,
  agreementActivity,
  agreementWindow,
  countyShares,
  isCurrentAgreement,
  PARTNER_TYPES,
} from './collaboration-agreement-rule';

const window = agreementWindow('2026-06-15');
const adopted = (overrides: Partial<AgreementFacts> = {}): AgreementFacts => ({
  status: AdoptionStatus.Adopted,
  approvedBy: 'management',
  approvedAt: '2023-01-10',
  discontinuedAt: null,
  followUpsPerformedAt: [],
  ...overrides,
});

describe('agreementWindow', () => {
  it('spans the 24 months up to and including asOf, in Swedish days', () => {
    expect(window).toEqual({
      asOf: '2026-06-15',
      windowStart: '2024-06-15',
      until: new Date('2026-06-15T22:00:00Z'),
    });
  });
});

describe('isCurrentAgreement', () => {
  it('counts an agreement approved within the window', () => {
    expect(isCurrentAgreement(adopted({ approvedAt: '2025-02-01' }), window)).toBe(true);
  });

  it('counts an old approval followed up 23 months before asOf, not one followed up 25 months before', () => {
    expect(isCurrentAgreement(adopted({ followUpsPerformedAt: ['2024-07-15'] }), window)).toBe(true);
    expect(isCurrentAgreement(adopted({ followUpsPerformedAt: ['2024-05-15'] }), window)).toBe(false);
  });

  it('includes both ends of the window', () => {
    expect(isCurrentAgreement(adopted({ followUpsPerformedAt: ['2024-06-15'] }), window)).toBe(true);
    expect(isCurrentAgreement(adopted({ followUpsPerformedAt: ['2024-06-14'] }), window)).toBe(false);
    expect(isCurrentAgreement(adopted({ approvedAt: '2026-06-15' }), window)).toBe(true);
  });

  it('ignores what happened after asOf', () => {
    expect(isCurrentAgreement(adopted({ followUpsPerformedAt: ['2026-06-16'] }), window)).toBe(false);
    expect(isCurrentAgreement(adopted({ approvedAt: '2026-06-16' }), window)).toBe(false);
  });

  it('needs management approval or higher', () => {
    expect(isCurrentAgreement(adopted({ approvedAt: '2025-02-01', approvedBy: 'unit' }), window)).toBe(false);
    expect(isCurrentAgreement(adopted({ approvedAt: '2025-02-01', approvedBy: 'board' }), window)).toBe(true);
    expect(isCurrentAgreement(adopted({ approvedAt: '2025-02-01', approvedBy: 'council' }), window)).toBe(true);
  });

  it('needs the agreement in force on asOf: discontinued after asOf still counts, discontinued on or before it does not', () => {
    const recent = '2025-02-01';
    expect(
      isCurrentAgreement(
        adopted({
          approvedAt: recent,
          status: AdoptionStatus.Discontinued,
          discontinuedAt: new Date('2026-07-01T08:00:00Z'),
        }),
        window,
      ),
    ).toBe(true);
    expect(
      isCurrentAgreement(
        adopted({
          approvedAt: recent,
          status: AdoptionStatus.Discontinued,
          discontinuedAt: new Date('2026-06-15T21:59:00Z'),
        }),
        window,
      ),
    ).toBe(false);
    expect(
      isCurrentAgreement(adopted({ approvedAt: null, approvedBy: null, status: AdoptionStatus.Implementing }), window),
    ).toBe(false);
  });

  it('reports the latest activity up to asOf', () => {
    const facts = adopted({ followUpsPerformedAt: ['2025-01-01', '2025-09-01', '2026-09-01'] });
    expect(agreementActivity(facts, window)).toEqual('2025-09-01');
  });
});

describe('countyShares', () => {
  const at = '2025-01-01';
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
    expect(PARTNER_TYPES).toEqual([
      'police',
      'healthcare',
      'school',
      'prosecution',
      'prison_probation',
      'womens_shelter',
      'other',
    ]);
  });
});
