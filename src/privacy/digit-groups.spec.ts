import { isDigit, joinDigits, splitDigitGroups } from './digit-groups';

describe('splitDigitGroups', () => {
  it('stops at a separator longer than allowed even when its characters are allowed', () => {
    expect(joinDigits(splitDigitGroups('12--34', /^-+$/, 1, 5))).toBe('12');
    expect(joinDigits(splitDigitGroups('12--34', /^-+$/, 2, 5))).toBe('1234');
    expect(joinDigits(splitDigitGroups('12-34', /^ $/, 2, 5))).toBe('12');
  });

  it('stops after the most groups and at the end of the candidate', () => {
    expect(splitDigitGroups('1 2 3', /^ $/, 1, 2)).toEqual([
      { digits: '1', end: 1 },
      { digits: '2', end: 3 },
    ]);
    expect(splitDigitGroups('12 ', /^ $/, 1, 5)).toEqual([{ digits: '12', end: 2 }]);
    expect(splitDigitGroups('', /^ $/, 1, 5)).toEqual([]);
    expect(splitDigitGroups(' 12', /^ $/, 1, 5)).toEqual([]);
  });

  it('counts only 0–9 as digits', () => {
    expect(['0', '9', '/', ':', '', undefined].map(isDigit)).toEqual([true, true, false, false, false, false]);
  });
});
