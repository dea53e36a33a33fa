import { readDigitChains } from './digit-chains';
import { isClearOfCalendar, readCalendarNotation } from './calendar-notation';
import { eachCase } from '../../test/support/each-case';

// Which runs are read as a date or a clock time, each rule with the nearest text that breaks it.

const notationOf = (text: string) => readCalendarNotation(readDigitChains(text));

describe('readCalendarNotation', () => {
  it('reads no date from runs of the wrong length or count', () =>
    eachCase(
      [
        '015.03.24', // a day of three digits
        '15.003.24', // a month of three digits
        '02024-03-15', // a year of five digits
        '2024-03 15', // two runs joined by a dash, the third after a space
        '15.03.24.99', // four runs
        '15/03/7', // three runs with a one-digit year: not day and month alone either
      ],
      (text) => {
        expect(notationOf(text).dateStart[0]).toBe(-1);
      },
    ));

  it('marks only the runs of the date', () => {
    const notation = notationOf('2024-03-15 99');
    expect(Array.from(notation.dateStart)).toEqual([0, 0, 0, -1]);
    expect(Array.from(notation.dateEnd.subarray(0, 3))).toEqual([3, 3, 3]);
  });

  it('calls a date ISO only with two-digit month and day', () =>
    eachCase(
      [
        ['2024-03-15', 1],
        ['2024-3-15', 0],
        ['2024-03-5', 0],
      ],
      (text, iso) => {
        const notation = notationOf(text);
        expect(notation.dateStart[0]).toBe(0);
        expect(notation.isoDate[0]).toBe(iso);
      },
    ));

  it('reads no clock time past 23 hours', () => {
    expect(notationOf('23:59').time[0]).toBe(1);
    expect(notationOf('24:00').time[0]).toBe(0);
    expect(notationOf('123:00').time[0]).toBe(0);
    expect(notationOf('012:30').time[0]).toBe(0); // an hour of three digits
  });
});

describe('isClearOfCalendar', () => {
  it('lets a window begin with a whole ISO date only where a birth date may come first', () => {
    const iso = notationOf('2024-03-15 9874');
    expect(isClearOfCalendar(iso, 0, 4, true)).toBe(true);
    expect(isClearOfCalendar(iso, 0, 3, true)).toBe(true);
    expect(isClearOfCalendar(iso, 0, 3, false)).toBe(false);
    expect(isClearOfCalendar(iso, 0, 2, true)).toBe(false); // part of the date
    expect(isClearOfCalendar(iso, 1, 4, true)).toBe(false); // the date does not start the window
    expect(isClearOfCalendar(iso, 3, 4, false)).toBe(true);
    expect(isClearOfCalendar(notationOf('15.03.2024 9874'), 0, 4, true)).toBe(false); // not year first
  });
});
