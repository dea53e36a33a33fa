import { isAsciiEmail, normalizeEmail } from './email-address';

describe('normalizeEmail', () => {
  it.each([
    ['İngrid.Nilsson@Kommun.SE', 'ingrid.nilsson@kommun.se'],
    ['i\u0307ngrid.nilsson@kommun.se', 'ingrid.nilsson@kommun.se'],
    ['  INGRID.NILSSON@KOMMUN.SE\t', 'ingrid.nilsson@kommun.se'],
    ['ｉｎｇｒｉｄ@ｋｏｍｍｕｎ.ｓｅ', 'ingrid@kommun.se'],
    ['\u212Aarin@kommun.se', 'karin@kommun.se'],
    ['A\u030Asa@kommun.se', 'åsa@kommun.se'],
  ])('%j becomes %j', (raw, normalized) => {
    expect(normalizeEmail(raw)).toBe(normalized);
  });

  it('is idempotent for every character of the Basic Multilingual Plane, so a stored address looks itself up', () => {
    const unstable: string[] = [];
    for (let code = 0x21; code <= 0xffff; code += 1) {
      if (code >= 0xd800 && code <= 0xdfff) {
        continue;
      }
      const once = normalizeEmail(`${String.fromCharCode(code)}x@kommun.se`);
      if (normalizeEmail(once) !== once) {
        unstable.push(code.toString(16));
      }
    }
    expect(unstable).toEqual([]);
  });

  it('gives upper- and lower-case spellings of an ASCII address the same form', () => {
    for (const raw of ['İngrid.Nilsson@Kommun.se', 'KARIN@x.se', 'o.lund@Polisen.SE']) {
      expect(normalizeEmail(raw.toUpperCase())).toBe(normalizeEmail(raw.toLowerCase()));
    }
  });

  it('leaves look-alike letters of other scripts distinct, and isAsciiEmail refuses them', () => {
    const cyrillic = normalizeEmail('іngrid@kommun.se');
    expect(cyrillic).not.toBe('ingrid@kommun.se');
    expect(isAsciiEmail(cyrillic)).toBe(false);
    expect(isAsciiEmail(normalizeEmail('åsa@kommun.se'))).toBe(false);
    expect(isAsciiEmail(normalizeEmail('İngrid@xn--gteborg-90a.se'))).toBe(true);
  });
});
