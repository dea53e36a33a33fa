import { jsonbKeyOrder, scalarAt, scalarsOf } from './value-paths';

describe('jsonbKeyOrder', () => {
  it('orders keys as jsonb stores them: shorter first, then bytewise, whatever JavaScript did with integer-like keys', () => {
    const parsed = JSON.parse('{"bb":1,"a":2,"10":3,"9":4,"é":5,"z":6}') as Record<string, number>;
    expect(Object.keys(parsed)).toEqual(['9', '10', 'bb', 'a', 'é', 'z']);
    expect(jsonbKeyOrder(Object.keys(parsed))).toEqual(['9', 'a', 'z', '10', 'bb', 'é']);
  });
});

describe('scalarsOf', () => {
  const flagged = (key: string) => key.startsWith('secret');

  it('yields the value itself at the empty path', () => {
    expect([...scalarsOf('text', flagged)]).toEqual([{ path: [], target: 'value', text: 'text' }]);
  });

  it('yields every key, string and number leaf with its path; a flagged key appears by position only', () => {
    const value = { b: [1, 'two', null, true], secret1: { x: 'y' } };
    expect([...scalarsOf(value, flagged)]).toEqual([
      { path: ['b'], target: 'key', text: 'b' },
      { path: ['b', 0], target: 'value', text: '1' },
      { path: ['b', 1], target: 'value', text: 'two' },
      { path: [{ keyAt: 1 }], target: 'key', text: 'secret1' },
      { path: [{ keyAt: 1 }, 'x'], target: 'key', text: 'x' },
      { path: [{ keyAt: 1 }, 'x'], target: 'value', text: 'y' },
    ]);
  });
});

describe('scalarAt', () => {
  const value = { b: [1, 'two'], secret1: { x: 'y' } };

  it.each([
    [[], 'value', undefined],
    [['b', 1], 'value', 'two'],
    [['b', 0], 'value', '1'],
    [[{ keyAt: 1 }, 'x'], 'value', 'y'],
    [[{ keyAt: 1 }], 'key', 'secret1'],
    [['b'], 'key', 'b'],
    [['b', 5], 'value', undefined],
    [['b', 'x'], 'value', undefined],
    [['b', 1], 'key', undefined],
    [[{ keyAt: 2 }], 'key', undefined],
    [['missing'], 'value', undefined],
    [['secret1'], 'value', undefined],
    [[], 'key', undefined],
  ] as const)('at %j (%s) finds %j', (path, target, expected) => {
    expect(scalarAt(value, [...path], target)).toBe(expected);
  });

  it('finds the text of a text column at the empty path', () => {
    expect(scalarAt('note', [], 'value')).toBe('note');
  });
});
