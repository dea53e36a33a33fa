import { emptyCounts, GroupCounts } from './follow-up-dimensions';
import { outcomeCodesOf, publishedMetrics, suppressFollowUp } from './follow-up-table';

const counts = (values: Partial<GroupCounts>): GroupCounts => ({ ...emptyCounts(), ...values });

describe('publishedMetrics', () => {
  const completed = counts({
    stepsCompleted: 8,
    stepsCompletedOnTime: 6,
    outcomes: { held: 8 },
    leadTimeHours: { p50: 12, p90: 30 },
  });

  it('publishes counts, the on-time rate to four decimals and the percentiles when nothing is suppressed', () => {
    expect(publishedMetrics(completed, new Set(), ['held', 'postponed'], 5)).toEqual({
      casesOpened: 0,
      casesClosed: 0,
      stepsCompleted: 8,
      stepsSkipped: 0,
      stepsCompletedOnTime: 6,
      onTimeRate: 0.75,
      leadTimeHours: { p50: 12, p90: 30 },
      overdueNow: 0,
      escalations: 0,
      outcomes: { held: 8, postponed: 0 },
      suppressed: [],
    });
  });

  it('withholds the rate with either of its counts, and a rate or percentile whose base is small', () => {
    expect(publishedMetrics(completed, new Set(['stepsCompletedOnTime']), ['held'], 5)).toMatchObject({
      stepsCompletedOnTime: null,
      onTimeRate: null,
      leadTimeHours: { p50: 12, p90: 30 },
      suppressed: ['stepsCompletedOnTime', 'onTimeRate'],
    });
    const few = counts({ stepsCompleted: 3, stepsCompletedOnTime: 3, leadTimeHours: { p50: 2, p90: 4 } });
    expect(publishedMetrics(few, new Set(['stepsCompleted', 'stepsCompletedOnTime']), [], 5)).toMatchObject({
      onTimeRate: null,
      leadTimeHours: { p50: null, p90: null },
      suppressed: ['stepsCompleted', 'stepsCompletedOnTime', 'onTimeRate', 'leadTimeHours.p50', 'leadTimeHours.p90'],
    });
  });

  it('gives no rate, and names nothing, when no step was completed', () => {
    expect(publishedMetrics(counts({}), new Set(), [], 5)).toMatchObject({ onTimeRate: null, suppressed: [] });
  });
});

describe('suppressFollowUp', () => {
  it("ties a row's outcomes to its completed steps", () => {
    const row = counts({ stepsCompleted: 9, outcomes: { held: 7, postponed: 2 } });
    const result = suppressFollowUp([{ key: ['2025-01'], counts: row }], row, outcomeCodesOf(row, [row]), 5);
    expect([...result.rows[0]].sort()).toEqual(['outcomes.held', 'outcomes.postponed']);
  });
});
