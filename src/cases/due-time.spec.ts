import { DateTime } from 'luxon';
import { addDuration, isSwedishWorkingDay, stepDueAt, subtractDuration } from './due-time';
import { SWEDISH_ZONE } from '../common/time/swedish-time';

/** A Stockholm wall-clock time, e.g. `2026-04-02T10:00`. */
const stockholm = (local: string) => DateTime.fromISO(local, { zone: SWEDISH_ZONE }).toJSDate();
const local = (date: Date) => DateTime.fromJSDate(date, { zone: SWEDISH_ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");
const day = (isoDate: string) => DateTime.fromISO(isoDate, { zone: SWEDISH_ZONE });

describe('isSwedishWorkingDay', () => {
  it.each([
    ['2026-04-02', true, 'Maundy Thursday is a working day'],
    ['2026-04-03', false, 'Good Friday'],
    ['2026-04-06', false, 'Easter Monday'],
    ['2026-05-14', false, 'Ascension Day'],
    ['2026-06-06', false, 'National Day (a Saturday in 2026, too)'],
    ['2026-06-19', false, 'Midsummer Eve'],
    ['2026-12-24', false, 'Christmas Eve'],
    ['2026-12-31', false, "New Year's Eve"],
    ['2027-01-06', false, 'Epiphany'],
    ['2027-01-07', true, 'an ordinary Thursday'],
    ['2026-03-28', false, 'a Saturday'],
    ['2026-03-29', false, 'a Sunday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isSwedishWorkingDay(day(date))).toBe(expected);
  });

  it('computes Easter for any year rather than reading a list (Easter 2038 is on 25 April)', () => {
    expect(isSwedishWorkingDay(day('2038-04-22'))).toBe(true);
    expect(isSwedishWorkingDay(day('2038-04-23'))).toBe(false);
    expect(isSwedishWorkingDay(day('2038-04-26'))).toBe(false);
    expect(isSwedishWorkingDay(day('2038-04-27'))).toBe(true);
  });

  it('judges the day on the Stockholm calendar, not UTC', () => {
    // 23:30 UTC on Thursday 2 April 2026 is already Good Friday in Stockholm.
    expect(isSwedishWorkingDay(DateTime.fromISO('2026-04-02T23:30:00Z'))).toBe(false);
  });
});

describe('addDuration', () => {
  it('adds calendar days and exact hours on the Stockholm wall clock without working days', () => {
    expect(local(addDuration(stockholm('2026-04-02T10:00'), 'P3D'))).toBe('2026-04-05T10:00');
    expect(local(addDuration(stockholm('2026-04-02T10:00'), 'PT4H'))).toBe('2026-04-02T14:00');
  });

  it('moves over a weekend with working days', () => {
    expect(local(addDuration(stockholm('2026-03-13T15:00'), 'P1D', true))).toBe('2026-03-16T15:00');
    expect(local(addDuration(stockholm('2026-03-14T10:00'), 'P1D', true))).toBe('2026-03-16T10:00');
    expect(local(addDuration(stockholm('2026-03-16T10:00'), 'P5D', true))).toBe('2026-03-23T10:00');
  });

  it('skips Good Friday and Easter Monday', () => {
    expect(local(addDuration(stockholm('2026-04-02T10:00'), 'P1D', true))).toBe('2026-04-07T10:00');
    expect(local(addDuration(stockholm('2026-04-01T10:00'), 'P3D', true))).toBe('2026-04-08T10:00');
  });

  it('skips midsummer eve', () => {
    expect(local(addDuration(stockholm('2026-06-18T09:00'), 'P1D', true))).toBe('2026-06-22T09:00');
  });

  it('skips Christmas and New Year', () => {
    expect(local(addDuration(stockholm('2026-12-23T14:00'), 'P3D', true))).toBe('2026-12-30T14:00');
    expect(local(addDuration(stockholm('2026-12-23T14:00'), 'P5D', true))).toBe('2027-01-05T14:00');
    expect(local(addDuration(stockholm('2026-12-23T14:00'), 'P6D', true))).toBe('2027-01-07T14:00');
  });

  it('keeps the time of day across the change to summer time', () => {
    // Sunday 29 March 2026: clocks go from 02:00 CET to 03:00 CEST.
    const fridayAfternoon = stockholm('2026-03-27T16:00');
    const dueAt = addDuration(fridayAfternoon, 'P1D', true);
    expect(local(dueAt)).toBe('2026-03-30T16:00');
    expect(dueAt.toISOString()).toBe('2026-03-30T14:00:00.000Z');
    expect(dueAt.getTime() - fridayAfternoon.getTime()).toBe((3 * 24 - 1) * 3600_000);
  });

  it('counts a calendar day as 23 hours but PT24H as 24 hours over the change to summer time', () => {
    const saturdayNoon = stockholm('2026-03-28T12:00');
    expect(local(addDuration(saturdayNoon, 'P1D'))).toBe('2026-03-29T12:00');
    expect(local(addDuration(saturdayNoon, 'PT24H'))).toBe('2026-03-29T13:00');
  });

  it('keeps the time of day across the change back to winter time', () => {
    // Sunday 25 October 2026: clocks go from 03:00 CEST back to 02:00 CET.
    expect(addDuration(stockholm('2026-10-23T09:00'), 'P1D', true).toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('adds the time part after the working days, and calendar weeks before them', () => {
    expect(local(addDuration(stockholm('2026-04-02T10:00'), 'P1DT2H', true))).toBe('2026-04-07T12:00');
    expect(local(addDuration(stockholm('2026-03-30T10:00'), 'P1W', true))).toBe('2026-04-06T10:00');
  });

  it('refuses a string that is not an ISO 8601 duration', () => {
    expect(() => addDuration(new Date(), '3 days')).toThrow(/ISO 8601/);
  });
});

describe('subtractDuration', () => {
  it('subtracts on the Stockholm wall clock', () => {
    expect(local(subtractDuration(stockholm('2026-03-30T16:00'), 'P2D'))).toBe('2026-03-28T16:00');
    expect(local(subtractDuration(stockholm('2026-03-30T16:00'), 'PT2H'))).toBe('2026-03-30T14:00');
  });
});

describe('stepDueAt', () => {
  const openedAt = stockholm('2026-04-01T09:00');
  const activatedAt = stockholm('2026-04-02T11:00');

  it('counts from the case start', () => {
    expect(
      local(
        stepDueAt(
          { dueAfter: 'P2D', dueFrom: 'case_start', workingDays: false, dependsOn: ['a'] },
          openedAt,
          activatedAt,
        ),
      ),
    ).toBe('2026-04-03T09:00');
  });

  it("counts from the dependencies' completion", () => {
    expect(
      local(
        stepDueAt(
          { dueAfter: 'P2D', dueFrom: 'dependencies_done', workingDays: true, dependsOn: ['a'] },
          openedAt,
          activatedAt,
        ),
      ),
    ).toBe('2026-04-08T11:00');
  });

  it('counts a step without dependencies from the case start whatever dueFrom says', () => {
    expect(
      local(
        stepDueAt(
          { dueAfter: 'PT4H', dueFrom: 'dependencies_done', workingDays: false, dependsOn: [] },
          openedAt,
          activatedAt,
        ),
      ),
    ).toBe('2026-04-01T13:00');
  });
});
