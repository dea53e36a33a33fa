import { AdoptionStatus } from './adoption-status';
import { isFollowUpOverdue, latestOf, nextReviewDue, parseInstant } from './adoption-review';

describe('parseInstant', () => {
  it('reads a date alone as Swedish midnight, in winter and in summer', () => {
    expect(parseInstant('2025-01-15').toISOString()).toBe('2025-01-14T23:00:00.000Z');
    expect(parseInstant('2025-07-15').toISOString()).toBe('2025-07-14T22:00:00.000Z');
  });

  it('keeps an explicit offset', () => {
    expect(parseInstant('2025-07-15T10:00:00Z').toISOString()).toBe('2025-07-15T10:00:00.000Z');
  });
});

describe('nextReviewDue', () => {
  const approved = parseInstant('2024-03-01');

  it('is the interval after the approval when nothing was followed up', () => {
    expect(nextReviewDue(approved, null, 24)).toEqual(parseInstant('2026-03-01'));
  });

  it('is the interval after the last follow-up when that is later, keeping the Swedish calendar date across DST', () => {
    expect(nextReviewDue(approved, parseInstant('2025-01-20'), 12)).toEqual(parseInstant('2026-01-20'));
    expect(nextReviewDue(approved, parseInstant('2025-01-20'), 6)).toEqual(parseInstant('2025-07-20'));
  });

  it('ends a month on its last day when the next month is shorter', () => {
    expect(nextReviewDue(parseInstant('2024-01-31'), null, 1)).toEqual(parseInstant('2024-02-29'));
  });

  it('is null without an approval or follow-up', () => {
    expect(nextReviewDue(null, null, 24)).toBeNull();
  });
});

describe('latestOf', () => {
  it('ignores nulls', () => {
    expect(latestOf(null, new Date(2), new Date(5), null, new Date(3))).toEqual(new Date(5));
    expect(latestOf(null, null)).toBeNull();
  });
});

describe('isFollowUpOverdue', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it('is overdue only for an adopted routine past its review date', () => {
    expect(isFollowUpOverdue(AdoptionStatus.Adopted, new Date('2026-05-31T00:00:00Z'), now)).toBe(true);
    expect(isFollowUpOverdue(AdoptionStatus.Adopted, new Date('2026-06-02T00:00:00Z'), now)).toBe(false);
    expect(isFollowUpOverdue(AdoptionStatus.Discontinued, new Date('2026-05-31T00:00:00Z'), now)).toBe(false);
    expect(isFollowUpOverdue(AdoptionStatus.Implementing, null, now)).toBe(false);
  });
});
