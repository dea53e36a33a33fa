import { CalendarDay, shiftDay, startOfSwedishDay, swedishDay, SWEDISH_ZONE } from '../common/time/swedish-time';

/** The calendar units a report can group by, on the Stockholm calendar. */
export type TimeUnit = 'month' | 'quarter' | 'year';

/**
 * The days a report covers, both ends included, and the instants that bound it: from the start of `from` (midnight
 * in Stockholm, whatever the season) to the start of the day after `to`, or `asOf` if that is earlier (nothing after
 * asOf is known yet).
 */
export interface ReportPeriod {
  from: CalendarDay;
  to: CalendarDay;
  asOf: Date;
  start: Date;
  end: Date;
}

export class ReportPeriodError extends Error {}

/** `to` defaults to asOf's Swedish day, `from` to the first of January of `to`'s year. */
export function reportPeriod(query: { from?: CalendarDay; to?: CalendarDay; asOf?: Date }): ReportPeriod {
  const asOf = query.asOf ?? new Date();
  const to = query.to ?? swedishDay(asOf);
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) {
    throw new ReportPeriodError('from is after to');
  }
  const dayAfter = startOfSwedishDay(shiftDay(to, { days: 1 }));
  return { from, to, asOf, start: startOfSwedishDay(from), end: dayAfter < asOf ? dayAfter : asOf };
}

/** The whole Swedish calendar year, as far as asOf has come. */
export const yearPeriod = (year: number, asOf = new Date()): ReportPeriod =>
  reportPeriod({ from: `${year}-01-01`, to: `${year}-12-31`, asOf: asOf });

/** SQL for the period an instant falls in, on the Stockholm calendar: `2026-12`, `2026-Q4`, `2026`. */
export function timeKeySql(unit: TimeUnit, instant: string): string {
  const format = { month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' }[unit];
  return `to_char(${instant} AT TIME ZONE '${SWEDISH_ZONE}', '${format}')`;
}
