import { CursorPart, decodeCursor, encodeCursor } from './pagination';

const UUID = '6f0c2a4e-1b2c-4d5e-8f90-123456789abc';

describe('decodeCursor', () => {
  it.each<[string, unknown[], CursorPart[]]>([
    ['an id', [UUID], ['uuid']],
    ['a version', [3], ['int']],
    ['a sequence as TypeORM reads a bigint', ['123456789012'], ['bigint']],
    ['a name and an id', ['Socialtjänsten Södertälje', UUID], ['text', 'uuid']],
    ['a day and an id', ['2024-02-29', UUID], ['date', 'uuid']],
    ['a time and an id', ['2026-03-01T09:30:00.123Z', UUID], ['timestamp', 'uuid']],
  ])('takes back the key of %s', (_, key, shape) => {
    expect(decodeCursor(encodeCursor(key as (string | number)[]), shape)).toEqual(key);
  });

  it.each<[string, unknown[], CursorPart[]]>([
    ['text where an id belongs', ['x'], ['uuid']],
    ['a version past the integer column', [1e30], ['int']],
    ['a version of the wrong type', ['3'], ['int']],
    ['a fraction', [1.5], ['int']],
    ['a sequence that is not a number', ['12a'], ['bigint']],
    ['a sequence past bigint', ['99999999999999999999'], ['bigint']],
    ['a NUL character', ['a\u0000', UUID], ['text', 'uuid']],
    ['a day that does not exist', ['2024-02-30', UUID], ['date', 'uuid']],
    ['year zero', ['0000-01-01', UUID], ['date', 'uuid']],
    ['a time where a day belongs', ['2024-01-01T10:00:00Z', UUID], ['date', 'uuid']],
    ['a time without milliseconds', ['2026-03-01T09:30:00Z', UUID], ['timestamp', 'uuid']],
    ['a time that does not exist', ['2026-02-30T25:00:00.000Z', UUID], ['timestamp', 'uuid']],
    ['a number where a time belongs', [0, UUID], ['timestamp', 'uuid']],
    ['too few parts', [UUID], ['text', 'uuid']],
    ['an identity number where a stored name belongs', ['Enhet 19811228-9874', UUID], ['text', 'uuid']],
  ])('refuses %s with a 400 that has a code', (_, key, shape) => {
    expect(() => decodeCursor(encodeCursor(key as (string | number)[]), shape)).toThrow(
      // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- @types/jest types asymmetric matchers as any
      expect.objectContaining({ code: 'pagination.invalid_cursor' }),
    );
  });

  it('passes no cursor on as none', () => {
    expect(decodeCursor(undefined, ['uuid'])).toBeUndefined();
  });
});
