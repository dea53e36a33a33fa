import { approvalErrors, followUpErrors, partnerErrors } from './adoption-rules';
import { AdoptionStatus } from './adoption-status';

const now = '2026-06-01';
const past = '2026-01-01';
const fields = (errors: { field: string; code: string }[]) => errors.map(({ field, code }) => `${field}:${code}`);

describe('approvalErrors', () => {
  const none = { approvedAt: false, approvedBy: false };

  it('accepts an adopted routine with both approval facts', () => {
    expect(approvalErrors(AdoptionStatus.Adopted, { approvedAt: past, approvedBy: 'management' }, none, now)).toEqual(
      [],
    );
  });

  it('requires both facts when adopted, and no future approval', () => {
    expect(fields(approvalErrors(AdoptionStatus.Adopted, { approvedAt: null, approvedBy: null }, none, now))).toEqual([
      'approvedAt:required',
      'approvedBy:required',
    ]);
    expect(
      fields(approvalErrors(AdoptionStatus.Adopted, { approvedAt: '2026-06-02', approvedBy: 'board' }, none, now)),
    ).toEqual(['approvedAt:in_future']);
  });

  it('refuses approval given to a routine that is not adopted', () => {
    expect(
      fields(
        approvalErrors(
          AdoptionStatus.Planned,
          { approvedAt: past, approvedBy: null },
          { approvedAt: true, approvedBy: false },
          now,
        ),
      ),
    ).toEqual(['approvedAt:approval_without_adoption']);
    expect(approvalErrors(AdoptionStatus.Discontinued, { approvedAt: past, approvedBy: 'board' }, none, now)).toEqual(
      [],
    );
  });
});

describe('followUpErrors', () => {
  it('accepts a follow-up between approval and now', () => {
    expect(followUpErrors('2026-03-01', past, now)).toEqual([]);
    expect(followUpErrors(past, past, now)).toEqual([]);
    expect(followUpErrors(now, past, now)).toEqual([]);
  });

  it('refuses one in the future or before the approval', () => {
    expect(fields(followUpErrors('2026-07-01', past, now))).toEqual(['performedAt:in_future']);
    expect(fields(followUpErrors('2025-12-31', past, now))).toEqual(['performedAt:before_approval']);
  });
});

describe('partnerErrors', () => {
  it('names unknown partners and the adopter itself by position', () => {
    expect(fields(partnerErrors(['a', 'self', 'ghost'], new Set(['a', 'self']), 'self'))).toEqual([
      'partnerOrganizationIds[1]:partner_is_adopter',
      'partnerOrganizationIds[2]:unknown_organization',
    ]);
  });
});
