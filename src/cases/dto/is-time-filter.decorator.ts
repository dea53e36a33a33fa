import { ValidateBy } from 'class-validator';
import { isCalendarDay } from '../../adoptions/dto/is-calendar-day.decorator';

/** An instant with its offset (`Z` or `±hh:mm`); a time without one would be read in whatever zone the server has. */
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export const isInstant = (value: unknown): value is string =>
  typeof value === 'string' &&
  INSTANT_PATTERN.test(value) &&
  isCalendarDay(value.slice(0, 10)) &&
  !Number.isNaN(Date.parse(value));

/** A time filter: an instant with its offset, or a Swedish calendar day (`YYYY-MM-DD`). */
export const IsTimeFilter = () =>
  ValidateBy({
    name: 'isTimeFilter',
    validator: {
      validate: (value: unknown) => isInstant(value) || isCalendarDay(value),
      defaultMessage: () =>
        '$property must be a date-time with its offset (2026-03-02T10:00:00+01:00) or a date (2026-03-02)',
    },
  });
