import { ValidateBy } from 'class-validator';
import { CALENDAR_DAY_PATTERN } from '../../common/time/swedish-time';

/** `YYYY-MM-DD` naming a day that exists (no 2025-02-29). */
export function isCalendarDay(value: unknown): boolean {
  if (typeof value !== 'string' || !CALENDAR_DAY_PATTERN.test(value)) {
    return false;
  }
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** A calendar day: a date-time is refused rather than cut to its day, whose day would depend on a time zone. */
export const IsCalendarDay = () =>
  ValidateBy({
    name: 'isCalendarDay',
    validator: { validate: isCalendarDay, defaultMessage: () => '$property must be a date (YYYY-MM-DD) that exists' },
  });
