import { readCalendarNotation } from './calendar-notation';
import { readDigitChains, windowDigits, windowOf } from './digit-chains';
import { isDigit, joinDigits, splitDigitGroups } from './digit-groups';
import { eachCase } from '../../test/support/each-case';

function runs(text: string) {
  const c = readDigitChains(text);
  return Array.from({ length: c.count }, (_, i) => ({
    digits: windowDigits(c, i, i + 1),
    at: c.start[i],
    end: c.end[i],
    joined: c.joined[i],
    separator: c.separator[i] === 0 ? '' : String.fromCharCode(c.separator[i]),
    spaced: c.spaced[i],
    chain: c.chain[i],
  }));
}

describe('readDigitChains', () => {
  it('splits the text into digit runs and records what separates them', () => {
    expect(runs('pnr811228 - 9874, 070/12')).toEqual([
      { digits: '811228', at: 3, end: 9, joined: 0, separator: '', spaced: 0, chain: 0 },
      { digits: '9874', at: 12, end: 16, joined: 1, separator: '', spaced: 1, chain: 0 },
      { digits: '070', at: 18, end: 21, joined: 1, separator: '', spaced: 1, chain: 0 },
      { digits: '12', at: 22, end: 24, joined: 1, separator: '/', spaced: 0, chain: 0 },
    ]);
    expect(readDigitChains('pnr811228 - 9874, 070/12').digits).toBe('811228987407012');
  });

  it('joins', () =>
    eachCase(
      [
        ['1-2', 1],
        ['1 2', 1],
        ['1 -- 2', 1],
        ['1 / . 2', 1],
        ['1.-/2', 1],
        ['1.-/+2', 0],
        ['1 - - - 2', 0],
        ['1 -/- 2', 1],
        ['1a2', 0],
        ['1Z2', 0],
        ['1 å 2', 0],
        ['1 Ж 2', 0],
        ['1 Ⅻ 2', 0],
        ['1@2', 1],
        ['1`2', 1],
        ['1{2', 1],
        ['1[2', 1],
      ],
      (text, joined) => {
        expect(runs(text)[1].joined).toBe(joined);
        expect(runs(text)[1].chain).toBe(joined === 1 ? 0 : 1);
      },
    ));

  it('records no separator for a gap of more than one character, and the space in it', () => {
    expect(runs('1 2')[1]).toMatchObject({ separator: ' ', spaced: 1 });
    expect(runs('1--2')[1]).toMatchObject({ separator: '', spaced: 0 });
    expect(runs('1 x 2')[1]).toMatchObject({ separator: '', spaced: 1, joined: 0 });
    expect(runs('1      2')[1]).toMatchObject({ separator: '', spaced: 0, joined: 0 });
  });

  it('finds the runs that hold a number of digits', () => {
    const c = readDigitChains('81 12 28-9874 x 12');
    expect(windowOf(c, 0, 10)).toBe(4);
    expect(windowOf(c, 0, 6)).toBe(3);
    expect(windowOf(c, 1, 8)).toBe(4);
    expect(windowOf(c, 0, 5)).toBe(-1);
    expect(windowOf(c, 3, 6)).toBe(-1); // across a letter
    expect(windowOf(c, 4, 2)).toBe(5);
    expect(windowOf(c, 4, 3)).toBe(-1);
    expect(windowOf(c, 2, 2)).toBe(3);
    expect(windowOf(c, 2, 1)).toBe(-1);
    expect(windowOf(readDigitChains(''), 0, 10)).toBe(-1);
  });
});

function notation(text: string) {
  const c = readDigitChains(text);
  const n = readCalendarNotation(c);
  return Array.from({ length: c.count }, (_, i) => {
    const time = n.time[i] === 1 ? 'T' : '';
    const date =
      n.dateStart[i] < 0
        ? ''
        : n.isoDate[n.dateStart[i]] === 1
          ? `I${n.dateStart[i]}-${n.dateEnd[i]}`
          : `D${n.dateStart[i]}-${n.dateEnd[i]}`;
    return time + date || '.';
  }).join(' ');
}

describe('readCalendarNotation', () => {
  it('', () =>
    eachCase(
      [
        ['10:30', 'T T'],
        ['9.05', 'T T'],
        ['14:30:00', 'T T T'],
        ['0:00', 'T T'],
        ['23:59', 'T T'],
        ['24:00', '. .'],
        ['12:60', '. .'],
        ['123:45', '. .'],
        ['12:5', '. .'],
        ['12:345', '. .'],
        ['12:30:60', '. . .'],
        ['12:30:45:10', '. . . .'],
        ['10:30-11:00', 'T T T T'],
        ['10:30 - 11:00', 'T T T T'],
        ['15-10:30', '. . .'],
        ['1 10:30', '. T T'],
        ['x10:30', 'T T'],
        ['10-30', '. .'],
        ['2024-03-15', 'I0-3 I0-3 I0-3'],
        ['2024/3/5', 'D0-3 D0-3 D0-3'],
        ['2024.03.15', 'I0-3 I0-3 I0-3'],
        ['1899-03-15', '. . .'],
        ['2100-03-15', '. . .'],
        ['1900-12-31', 'I0-3 I0-3 I0-3'],
        ['2099-01-01', 'I0-3 I0-3 I0-3'],
        ['2024-13-15', '. . .'],
        ['2024-00-15', '. . .'],
        ['2024-03-32', '. . .'],
        ['2024-03-00', '. . .'],
        ['2024-03-15-0988', '. . . .'],
        ['2024:03:15', '. . .'],
        ['2024 03 15', '. . .'],
        ['2026-12-01-2026-12-15', 'I0-3 I0-3 I0-3 I3-6 I3-6 I3-6'],
        ['2026-12-01-2026-12', '. . . . .'],
        ['2026-12-01-2026-13-15', '. . . . . .'],
        ['15.03.24', 'TD0-3 TD0-3 TD0-3'], // also a clock time with seconds
        ['15/3/2024', 'D0-3 D0-3 D0-3'],
        ['15-03-2024', 'D0-3 D0-3 D0-3'],
        ['15-03-24', '. . .'],
        ['15.03.1850', '. . .'],
        ['15.03.240', '. . .'],
        ['32.03.24', '. . .'],
        ['15.13.24', 'T T T'],
        ['15/13/24', '. . .'],
        ['1/12', 'D0-2 D0-2'],
        ['31/12', 'D0-2 D0-2'],
        ['32/12', '. .'],
        ['0/12', '. .'],
        ['1/13', '. .'],
        ['1/0', '. .'],
        ['123/12', '. .'],
        ['1/123', '. .'],
        ['1.12.', 'T T'],
        ['1-12', '. .'],
      ],
      (text, marks) => {
        expect(notation(text)).toBe(marks);
      },
    ));
});

describe('splitDigitGroups (keyword-led account numbers)', () => {
  const SPACE_OR_DASH = /^[ -]$/;
  const split = (text: string, maxSeparator = 1, maxGroups = 5) =>
    splitDigitGroups(text, SPACE_OR_DASH, maxSeparator, maxGroups);

  it('splits at allowed separators and stops at anything else', () => {
    expect(split('8327-9 123')).toEqual([
      { digits: '8327', end: 4 },
      { digits: '9', end: 6 },
      { digits: '123', end: 10 },
    ]);
    expect(split('8327-9, 123')).toEqual([
      { digits: '8327', end: 4 },
      { digits: '9', end: 6 },
    ]);
    expect(split('8327--9')).toEqual([{ digits: '8327', end: 4 }]);
    expect(split('8327--9', 2)).toEqual([{ digits: '8327', end: 4 }]);
    expect(split('8327 ')).toEqual([{ digits: '8327', end: 4 }]);
    expect(split('8327')).toEqual([{ digits: '8327', end: 4 }]);
    expect(split(' 8327')).toEqual([]);
    expect(split('')).toEqual([]);
    expect(split('1 2 3 4 5 6', 1, 3)).toEqual([
      { digits: '1', end: 1 },
      { digits: '2', end: 3 },
      { digits: '3', end: 5 },
    ]);
    expect(joinDigits(split('12 34-5'))).toBe('12345');
  });

  it('reads only ASCII digits', () => {
    expect(isDigit('0')).toBe(true);
    expect(isDigit('9')).toBe(true);
    expect(isDigit('/')).toBe(false);
    expect(isDigit(':')).toBe(false);
    expect(isDigit(undefined)).toBe(false);
  });
});
