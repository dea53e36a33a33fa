import type { FollowUpMetricsDto, FollowUpReportDto, FollowUpRowDto } from './dto/follow-up.dto';
import type { FollowUpDimension } from './follow-up-dimensions';
import { CsvCell, swedishCsv } from './swedish-csv';

const KEY_COLUMNS: Record<FollowUpDimension, { name: string; cell: (row: FollowUpRowDto) => CsvCell }[]> = {
  goal: [{ name: 'goal', cell: (row) => row.goal ?? 'empty' }],
  measure: [{ name: 'measure', cell: (row) => text(row.measure) }],
  routine: [
    { name: 'routineId', cell: (row) => text(row.routine?.id) },
    { name: 'routineTitle', cell: (row) => text(row.routine?.title) },
  ],
  step: [
    { name: 'stepRoutineId', cell: (row) => text(row.step?.routineId) },
    { name: 'stepKey', cell: (row) => text(row.step?.key) },
    { name: 'stepTitle', cell: (row) => text(row.step?.title) },
  ],
  organization: [
    { name: 'organizationId', cell: (row) => text(row.organization?.id) },
    { name: 'organizationName', cell: (row) => text(row.organization?.name) },
  ],
  organizationType: [{ name: 'organizationType', cell: (row) => text(row.organizationType) }],
  municipality: [
    { name: 'municipalityCode', cell: (row) => text(row.municipality?.code) },
    { name: 'municipalityName', cell: (row) => text(row.municipality?.name) },
  ],
  month: [{ name: 'month', cell: (row) => text(row.month) }],
  quarter: [{ name: 'quarter', cell: (row) => text(row.quarter) }],
  year: [{ name: 'year', cell: (row) => row.year ?? 'empty' }],
};

const text = (value: string | undefined): CsvCell => (value === undefined ? 'empty' : { text: value });

const METRIC_COLUMNS: { name: string; suppressedAs: string; value: (metrics: FollowUpMetricsDto) => number | null }[] =
  [
    ...(
      ['casesOpened', 'casesClosed', 'stepsCompleted', 'stepsSkipped', 'stepsCompletedOnTime', 'onTimeRate'] as const
    ).map((name) => ({ name, suppressedAs: name, value: (metrics: FollowUpMetricsDto) => metrics[name] })),
    { name: 'leadTimeHoursP50', suppressedAs: 'leadTimeHours.p50', value: (metrics) => metrics.leadTimeHours.p50 },
    { name: 'leadTimeHoursP90', suppressedAs: 'leadTimeHours.p90', value: (metrics) => metrics.leadTimeHours.p90 },
    { name: 'overdueNow', suppressedAs: 'overdueNow', value: (metrics) => metrics.overdueNow },
    { name: 'escalations', suppressedAs: 'escalations', value: (metrics) => metrics.escalations },
  ];

/** One line per row, then the total (`level` says which); suppressed cells `..`, a rate without a base empty. */
export function followUpCsv(report: FollowUpReportDto): string {
  const keyColumns = report.groupBy.flatMap((dimension) => KEY_COLUMNS[dimension]);
  const outcomeCodes = Object.keys(report.total.outcomes);
  const metricCells = (metrics: FollowUpMetricsDto): CsvCell[] => {
    const shown = (value: number | null, name: string): CsvCell =>
      value !== null ? value : metrics.suppressed.includes(name) ? 'suppressed' : 'empty';
    return [
      ...METRIC_COLUMNS.map((column) => shown(column.value(metrics), column.suppressedAs)),
      ...outcomeCodes.map((code) => shown(metrics.outcomes[code], `outcomes.${code}`)),
    ];
  };
  const header = ['level', ...keyColumns.map((column) => column.name), ...METRIC_COLUMNS.map((column) => column.name)];
  return swedishCsv(
    [...header, ...outcomeCodes.map((code) => `outcome:${code}`)],
    [
      ...report.rows.map((row) => [
        { text: 'group' },
        ...keyColumns.map((column) => column.cell(row)),
        ...metricCells(row),
      ]),
      [{ text: 'total' }, ...keyColumns.map((): CsvCell => 'empty'), ...metricCells(report.total)],
    ],
  );
}
