import type { StrategyFollowUpReportDto } from './dto/strategy-follow-up.dto';
import { CsvCell, swedishCsv } from './swedish-csv';

const COLUMNS = [
  'level',
  'goal',
  'measure',
  'partnerType',
  'titleSv',
  'routines',
  'adoptingOrganizations',
  'municipalitiesCovered',
  'municipalitiesTotal',
  'casesOpened',
  'stepsCompleted',
  'onTimeRate',
  'leadTimeHoursP50',
  'overdueNow',
  'municipalities',
  'withAgreement',
  'share',
] as const;
type Line = Partial<Record<(typeof COLUMNS)[number], CsvCell>>;

/** A value of a row: `..` when suppressed, empty when there is none (a rate without a base). */
const shown = (value: number | null, name: string, suppressed: readonly string[]): CsvCell =>
  value !== null ? value : suppressed.includes(name) ? 'suppressed' : 'empty';

/** One line per goal, then its measures; then the county's agreement indicator per partner type. */
export function strategyFollowUpCsv(report: StrategyFollowUpReportDto): string {
  const lines: Line[] = report.rows.flatMap((row): Line[] => [
    {
      level: { text: 'goal' },
      goal: row.goal,
      titleSv: { text: row.title.sv },
      routines: row.routines,
      adoptingOrganizations: row.adoptingOrganizations,
      municipalitiesCovered: row.municipalitiesCovered,
      municipalitiesTotal: row.municipalitiesTotal,
      casesOpened: shown(row.casesOpened, 'casesOpened', row.suppressed),
      stepsCompleted: shown(row.stepsCompleted, 'stepsCompleted', row.suppressed),
      onTimeRate: shown(row.onTimeRate, 'onTimeRate', row.suppressed),
      leadTimeHoursP50: shown(row.leadTimeHours.p50, 'leadTimeHours.p50', row.suppressed),
      overdueNow: shown(row.overdueNow, 'overdueNow', row.suppressed),
    },
    ...row.measures.map((measure): Line => ({
      level: { text: 'measure' },
      goal: row.goal,
      measure: { text: measure.code },
      routines: measure.routines,
      casesOpened: shown(measure.casesOpened, 'casesOpened', measure.suppressed),
    })),
  ]);
  for (const share of report.collaborationAgreements.partnerTypes) {
    lines.push({
      level: { text: 'agreement' },
      partnerType: { text: share.partnerType },
      municipalities: report.collaborationAgreements.municipalities,
      withAgreement: share.withAgreement,
      share: share.share,
    });
  }
  return swedishCsv(
    COLUMNS,
    lines.map((line) => COLUMNS.map((column) => line[column] ?? 'empty')),
  );
}
