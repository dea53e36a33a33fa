import { DateTime } from 'luxon';
import { RememberingZone } from './remembering-zone';

/** Sweden's time zone: calendar days ("today", the instant a day begins), due times and case-number years are taken here. */
export const SWEDISH_ZONE = 'Europe/Stockholm';

/** The same zone with its offsets remembered, for arithmetic done often (due times, working days). */
export const SWEDISH_CLOCK = new RememberingZone(SWEDISH_ZONE);

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

/** The year on the Swedish calendar: what a case number counts in. */
export const swedishYear = (at: Date) => DateTime.fromJSDate(at, { zone: SWEDISH_CLOCK }).year;
