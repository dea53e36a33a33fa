import { AdoptionStatus } from './adoption-status';
import { isFollowUpOverdue, latestDay, nextReviewDue } from './adoption-review';
import { shiftDay, startOfSwedishDay, swedishDay } from '../common/time/swedish-time';

describe('Swedish calendar days', () => {
  it('takes the day of an instant in Swedish time, in winter and in summer', () => {
    expect(swedishDay(new Date('2025-03-09T23:00:00Z'))).toBe('2025-03-10');
    expect(swedishDay(new Date('2025-07-14T21:59:59Z'))).toBe('2025-07-14');
    expect(swedishDay(new Date('2025-07-14T22:00:00Z'))).toBe('2025-07-15');
  });

  it('begins a day at Swedish midnight', () => {
    expect(startOfSwedishDay('2025-01-15').toISOString()).toBe('2025-01-14T23:00:00.000Z');
    expect(startOfSwedishDay('2025-07-15').toISOString()).toBe('2025-07-14T22:00:00.000Z');
  });

  it('adds months and days keeping the day, or ending a shorter month on its last day', () => {
    expect(shiftDay('2024-03-31', { months: 1 })).toBe('2024-04-30');
    expect(shiftDay('2024-02-29', { months: 12 })).toBe('2025-02-28');
    expect(shiftDay('2025-10-26', { months: -24 })).toBe('2023-10-26');
    expect(shiftDay('2025-12-31', { days: 1 })).toBe('2026-01-01');
  });
});

describe('nextReviewDue', () => {
  it('is the interval after the approval when nothing was followed up', () => {
    expect(nextReviewDue('2024-03-01', null, 24)).toBe('2026-03-01');
  });

  it('is the interval after the last follow-up when that is later', () => {
    expect(nextReviewDue('2024-03-01', '2025-01-20', 12)).toBe('2026-01-20');
    expect(nextReviewDue('2024-03-01', '2025-01-20', 6)).toBe('2025-07-20');
    expect(nextReviewDue('2025-03-01', '2025-01-20', 6)).toBe('2025-09-01');
  });

  it('ends a month on its last day when the next month is shorter', () => {
    expect(nextReviewDue('2024-01-31', null, 1)).toBe('2024-02-29');
  });

  it('is null without an approval or follow-up', () => {
    expect(nextReviewDue(null, null, 24)).toBeNull();
  });
});

describe('latestDay', () => {
  it('ignores nulls', () => {
    expect(latestDay(null, '2025-02-01', '2025-11-30', null, '2025-03-01')).toBe('2025-11-30');
    expect(latestDay(null, null)).toBeNull();
  });
});

describe('isFollowUpOverdue', () => {
  it('is overdue only for an adopted routine whose review day has passed', () => {
    expect(isFollowUpOverdue(AdoptionStatus.Adopted, '2026-05-31', '2026-06-01')).toBe(true);
    expect(isFollowUpOverdue(AdoptionStatus.Adopted, '2026-06-01', '2026-06-01')).toBe(false);
    expect(isFollowUpOverdue(AdoptionStatus.Discontinued, '2026-05-31', '2026-06-01')).toBe(false);
    expect(isFollowUpOverdue(AdoptionStatus.Implementing, null, '2026-06-01')).toBe(false);
  });
});
