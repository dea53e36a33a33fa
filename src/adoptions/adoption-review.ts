import { DateTime } from 'luxon';
import { AdoptionStatus } from './adoption-status';

export const DEFAULT_REVIEW_INTERVAL_MONTHS = 24;
/** Calendar days are Swedish: "today", and the instant a day begins, are taken in this zone. */
export const SWEDISH_ZONE = 'Europe/Stockholm';

/** A calendar day without a time, `YYYY-MM-DD`, as it travels in JSON, CSV, audit data and webhooks. */
export type CalendarDay = string;

export const CALENDAR_DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The Swedish calendar day of an instant (today, by default). */
export const swedishDay = (instant = new Date()): CalendarDay =>
  DateTime.fromJSDate(instant, { zone: SWEDISH_ZONE }).toISODate() as CalendarDay;

/** The instant a Swedish calendar day begins: when a reminder about that day falls due. */
export const startOfSwedishDay = (day: CalendarDay): Date =>
  DateTime.fromISO(day, { zone: SWEDISH_ZONE }).startOf('day').toJSDate();

/** Calendar arithmetic on days: the end of a shorter month stands for a day it lacks (31 January + 1 month = 28/29 February). */
export const shiftDay = (day: CalendarDay, by: { months?: number; days?: number }): CalendarDay =>
  DateTime.fromISO(day, { zone: 'UTC' }).plus(by).toISODate() as CalendarDay;

/** Today by the Swedish calendar, in SQL. */
export const SWEDISH_TODAY_SQL = `(now() AT TIME ZONE '${SWEDISH_ZONE}')::date`;

/** The latest of some days (ISO days order as text). */
export function latestDay(...days: (CalendarDay | null)[]): CalendarDay | null {
  return days.reduce<CalendarDay | null>(
    (latest, day) => (day !== null && (latest === null || day > latest) ? day : latest),
    null,
  );
}

/** The next follow-up is due the interval after the later of the approval and the last follow-up. */
export function nextReviewDue(
  approvedAt: CalendarDay | null,
  lastFollowUpAt: CalendarDay | null,
  intervalMonths: number,
): CalendarDay | null {
  const latest = latestDay(approvedAt, lastFollowUpAt);
  return latest === null ? null : shiftDay(latest, { months: intervalMonths });
}

/** Only an adopted routine is followed up; it is overdue once its review day has passed. */
export function isFollowUpOverdue(
  status: AdoptionStatus,
  nextReviewDueAt: CalendarDay | null,
  today: CalendarDay,
): boolean {
  return status === AdoptionStatus.Adopted && nextReviewDueAt !== null && nextReviewDueAt < today;
}
