/**
 * Lead times as the follow-up rollups keep them: a histogram of hours per bucket, each bucket a representative value
 * (migration FollowUpRollups): whole hours below 999.5 h (within half an hour), above that buckets 2 % wide
 * whose representative is within 1 % of every value in them.
 */
export type LeadTimeHistogram = Map<number, number>;

/**
 * The continuous percentile (as PostgreSQL's percentile_cont) of the values a histogram stands for, each value taken
 * as its bucket's representative: whole hours below 999.5 h, within 1 % above.
 */
export function percentile(histogram: LeadTimeHistogram, fraction: number): number | null {
  const buckets = [...histogram.entries()].filter(([, count]) => count > 0).sort(([a], [b]) => a - b);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) {
    return null;
  }
  const position = fraction * (total - 1);
  const valueAt = (rank: number) => {
    let seen = 0;
    for (const [value, count] of buckets) {
      seen += count;
      if (rank < seen) {
        return value;
      }
    }
    return buckets[buckets.length - 1][0];
  };
  const lower = valueAt(Math.floor(position));
  const upper = valueAt(Math.ceil(position));
  return lower + (upper - lower) * (position - Math.floor(position));
}
