import Holidays from 'date-holidays';
import { DateTime, Duration } from 'luxon';
import type { RoutineStepDefinition } from '../routines/routine-definition';
import { SWEDISH_CLOCK } from '../common/time/swedish-time';

// Due times are counted on the Swedish wall clock: a day is a calendar day there, across DST changes.

/**
 * Public holidays plus midsummer eve, Christmas eve and New Year's eve (date-holidays' "bank" days for SE): the
 * days the Act on the calculation of statutory time (1930:173) treats like a Sunday when a deadline falls on them.
 */
const swedishHolidays = new Holidays('SE', { types: ['public', 'bank'] });
const nonWorkingDaysByYear = new Map<number, Set<string>>();

function nonWorkingDays(year: number): Set<string> {
  let days = nonWorkingDaysByYear.get(year);
  if (!days) {
    days = new Set(swedishHolidays.getHolidays(year).map((holiday) => holiday.date.slice(0, 10)));
    nonWorkingDaysByYear.set(year, days);
  }
  return days;
}

/** A calendar date as the Stockholm wall clock shows it, kept in a zone without DST so that stepping days is cheap. */
const isWorkingDate = (wallDate: DateTime) =>
  wallDate.weekday <= 5 && !nonWorkingDays(wallDate.year).has(wallDate.toISODate() as string);

/** The Stockholm wall-clock time of an instant, as the same digits in UTC. */
const toWallClock = (local: DateTime) => DateTime.fromObject(local.toObject(), { zone: 'utc' });

/** Monday to Friday and not a Swedish public holiday (nor midsummer, Christmas or New Year's eve), on the Stockholm calendar. */
export function isSwedishWorkingDay(date: DateTime): boolean {
  return isWorkingDate(toWallClock(date.setZone(SWEDISH_CLOCK)));
}

export function parseDuration(iso: string): Duration {
  const duration = Duration.fromISO(iso);
  if (!duration.isValid) {
    throw new Error(`Not an ISO 8601 duration: ${iso}`);
  }
  return duration;
}

/**
 * `start` plus an ISO 8601 duration on the Stockholm wall clock. With `workingDays`, the duration's days are
 * Swedish working days (each one moves to the next working day, keeping the time of day); its years, months and
 * weeks are calendar units added first, its hours, minutes and seconds exact time added last.
 */
export function addDuration(start: Date, iso: string, workingDays = false): Date {
  const duration = parseDuration(iso);
  const local = DateTime.fromJSDate(start, { zone: SWEDISH_CLOCK });
  if (!workingDays) {
    return local.plus(duration).toJSDate();
  }
  const { years, quarters, months, weeks, days, hours, minutes, seconds, milliseconds } = duration.toObject();
  // Calendar steps on the wall clock's digits (no time zone lookup per day), then back to Stockholm once.
  let wall = toWallClock(local).plus({ years, quarters, months, weeks });
  for (let left = days ?? 0; left > 0;) {
    wall = wall.plus({ days: 1 });
    if (isWorkingDate(wall)) {
      left -= 1;
    }
  }
  const { year, month, day, hour, minute, second, millisecond } = wall;
  return DateTime.fromObject({ year, month, day, hour, minute, second, millisecond }, { zone: SWEDISH_CLOCK })
    .plus({ hours, minutes, seconds, milliseconds })
    .toJSDate();
}

/** `at` minus an ISO 8601 duration on the Stockholm wall clock (reminder offsets are plain calendar durations). */
export function subtractDuration(at: Date, iso: string): Date {
  return DateTime.fromJSDate(at, { zone: SWEDISH_CLOCK }).minus(parseDuration(iso)).toJSDate();
}

export type DueRule = Pick<RoutineStepDefinition, 'dueAfter' | 'dueFrom' | 'workingDays' | 'dependsOn'>;

/**
 * When a step activated at `activatedAt` falls due: counted from the case start, or from its dependencies'
 * completion (the moment the last of them finished, which is the activation; a step without dependencies
 * counts from the case start either way).
 */
export function stepDueAt(rule: DueRule, caseOpenedAt: Date, activatedAt: Date): Date {
  const from = rule.dueFrom === 'dependencies_done' && rule.dependsOn.length > 0 ? activatedAt : caseOpenedAt;
  return addDuration(from, rule.dueAfter, rule.workingDays);
}
