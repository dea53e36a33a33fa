import type { FollowUpMetricsDto } from './dto/follow-up.dto';
import { COUNT_METRICS, GroupCounts } from './follow-up-dimensions';
import { CountTable, isSmallCount, suppress, Suppression } from './suppression';

export const outcomeName = (code: string) => `outcomes.${code}`;

/** A group's counts as the suppression sees them: one number per name, outcomes as `outcomes.<code>`. */
function countCells(counts: GroupCounts, outcomeCodes: readonly string[]): Record<string, number> {
  const cells: Record<string, number> = {};
  for (const metric of COUNT_METRICS) {
    cells[metric] = counts[metric];
  }
  for (const code of outcomeCodes) {
    cells[outcomeName(code)] = counts.outcomes[code] ?? 0;
  }
  return cells;
}

/** Every outcome code that occurs in the total or a row, in code order. */
export function outcomeCodesOf(total: GroupCounts, rows: readonly GroupCounts[]): string[] {
  return [...new Set([total, ...rows].flatMap((counts) => Object.keys(counts.outcomes)))].sort();
}

/** Which counts of the rows and the total are suppressed: the small ones and their complements (see suppression.ts). */
export function suppressFollowUp(
  rows: readonly { key: readonly string[]; counts: GroupCounts }[],
  total: GroupCounts,
  outcomeCodes: readonly string[],
  minCount: number,
): Suppression {
  const table: CountTable = {
    rows: rows.map((row) => ({ key: row.key, counts: countCells(row.counts, outcomeCodes) })),
    total: countCells(total, outcomeCodes),
  };
  return suppress(table, {
    minCount,
    breakdowns: [{ whole: 'stepsCompleted', parts: outcomeCodes.map(outcomeName) }],
  });
}

/**
 * The published metrics of a group. A suppressed count is null. The on-time rate is null when no step was
 * completed, and suppressed when fewer than minCount were or when either of its counts is suppressed (it would
 * give the other away). The lead-time percentiles are suppressed when fewer than minCount steps were completed.
 */
export function publishedMetrics(
  counts: GroupCounts,
  suppressed: ReadonlySet<string>,
  outcomeCodes: readonly string[],
  minCount: number,
): FollowUpMetricsDto {
  const names = new Set(suppressed);
  const shown = (metric: (typeof COUNT_METRICS)[number]) => (names.has(metric) ? null : counts[metric]);
  const completed = counts.stepsCompleted;
  const fewCompleted = isSmallCount(completed, minCount);
  if (completed > 0 && (fewCompleted || names.has('stepsCompleted') || names.has('stepsCompletedOnTime'))) {
    names.add('onTimeRate');
  }
  if (fewCompleted) {
    names.add('leadTimeHours.p50');
    names.add('leadTimeHours.p90');
  }
  const onTimeRate =
    completed === 0 || names.has('onTimeRate')
      ? null
      : Math.round((counts.stepsCompletedOnTime / completed) * 10_000) / 10_000;
  const outcomes = Object.fromEntries(
    outcomeCodes.map((code) => [code, names.has(outcomeName(code)) ? null : (counts.outcomes[code] ?? 0)]),
  );
  const order = [
    ...COUNT_METRICS,
    'onTimeRate',
    'leadTimeHours.p50',
    'leadTimeHours.p90',
    ...outcomeCodes.map(outcomeName),
  ];
  return {
    casesOpened: shown('casesOpened'),
    casesClosed: shown('casesClosed'),
    stepsCompleted: shown('stepsCompleted'),
    stepsSkipped: shown('stepsSkipped'),
    stepsCompletedOnTime: shown('stepsCompletedOnTime'),
    onTimeRate,
    leadTimeHours: {
      p50: fewCompleted ? null : counts.leadTimeHours.p50,
      p90: fewCompleted ? null : counts.leadTimeHours.p90,
    },
    overdueNow: shown('overdueNow'),
    escalations: shown('escalations'),
    outcomes,
    suppressed: order.filter((name) => names.has(name)),
  };
}
