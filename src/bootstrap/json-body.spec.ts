import { nestsDeeperThan } from './json-body';

describe('nestsDeeperThan', () => {
  it('counts arrays and objects alike, up to and past the limit', () => {
    expect(nestsDeeperThan('[[{"a":[1]}]]', 4)).toBe(false);
    expect(nestsDeeperThan('[[{"a":[1]}]]', 3)).toBe(true);
    expect(nestsDeeperThan('{}', 1)).toBe(false);
    expect(nestsDeeperThan('{}', 0)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan('{"note":"[[[[{{{{"}', 1)).toBe(false);
    expect(nestsDeeperThan('{"note":"say \\"[[[[\\" twice"}', 1)).toBe(false);
    expect(nestsDeeperThan('{"note":"ends with a backslash \\\\"}', 1)).toBe(false);
    expect(nestsDeeperThan('{"a":"\\\\",[[[]]]}', 3)).toBe(true);
  });

  it('counts closed brackets back down', () => {
    expect(nestsDeeperThan('[[]][[]][[]]', 2)).toBe(false);
  });
});
