import fc from 'fast-check';
import { decodeUrlText, normaliseForDetection } from './normalise';
import { eachCase } from '../../test/support/each-case';

const DECIMAL_DIGIT = /\p{Nd}/gu;

/** Every decimal digit of every script, in code point order (Unicode 17 has none beyond plane 1). */
function allDecimalDigits(): number[] {
  const everyCodePoint = Array.from({ length: 0x20000 }, (_, cp) =>
    cp >= 0xd800 && cp < 0xe000 ? ' ' : String.fromCodePoint(cp),
  ).join('');
  return [...everyCodePoint.matchAll(DECIMAL_DIGIT)].map((m) => m[0].codePointAt(0) as number);
}

describe('normaliseForDetection: digits', () => {
  it('reads digits as 0-9', () =>
    eachCase(
      [
        ['Arabic-Indic', 0x0660],
        ['Persian', 0x06f0],
        ['NKo', 0x07c0],
        ['Devanagari', 0x0966],
        ['Bengali', 0x09e6],
        ['Thai', 0x0e50],
        ['Tibetan', 0x0f20],
        ['Myanmar', 0x1040],
        ['full-width', 0xff10],
        ['mathematical bold', 0x1d7ce],
        ['mathematical monospace', 0x1d7f6],
        ['Adlam', 0x1e950],
      ],
      (_script, zero) => {
        const digits = Array.from({ length: 10 }, (_, d) => String.fromCodePoint(zero + d)).join('');
        expect(normaliseForDetection(digits)).toBe('0123456789');
      },
    ));

  it('reads every decimal digit of every script as one ASCII digit of its value', () => {
    const digits = allDecimalDigits();
    // The stability policy the digit table relies on: whole 0-9 sequences, contiguous.
    let run = 1;
    const runs: number[] = [];
    for (let k = 1; k <= digits.length; k++) {
      if (k < digits.length && digits[k] === digits[k - 1] + 1) {
        run++;
      } else {
        runs.push(run);
        run = 1;
      }
    }
    expect(runs.filter((r) => r % 10 !== 0)).toEqual([]);
    const text = digits.map((cp) => String.fromCodePoint(cp)).join('');
    expect(normaliseForDetection(text)).toBe('0123456789'.repeat(digits.length / 10));
  });

  it('keeps ASCII digits and mixes scripts', () => {
    expect(normaliseForDetection('8\u0661\u06f1\u096828-98\uff17\u{1d7d2}')).toBe('811228-9874');
  });
});

describe('normaliseForDetection: dashes, invisibles and spaces', () => {
  it('reads U+ as a dash', () =>
    eachCase(
      [
        '\u2010',
        '\u2011',
        '\u2012',
        '\u2013',
        '\u2014',
        '\u2015',
        '\u2212',
        '\u2043',
        '\u2796',
        '\ufe63',
        '\uff0d',
        '\u2e3a',
        '\u30a0',
      ],
      (dash) => {
        expect(normaliseForDetection(`1${dash}2`)).toBe('1-2');
      },
    ));

  it('removes the invisible U+', () =>
    eachCase(
      [
        '\u034f',
        '\ufe0f',
        '\ufe00',
        '\u200b',
        '\u200c',
        '\u200d',
        '\u2060',
        '\ufeff',
        '\u00ad',
        '\u0301',
        '\u20dd',
        '\u3164',
        '\u115f',
        '\u{e0101}',
        '\u{1d173}',
      ],
      (mark) => {
        expect(normaliseForDetection(`1${mark}2`)).toBe('12');
        expect(normaliseForDetection(`a ${mark} b`)).toBe('a b');
      },
    ));

  it('reads every run of white space and control characters as one space', () => {
    expect(normaliseForDetection('a\t\n\r\u00a0\u2003\u3000\u2028 b\u0000c\u0007d')).toBe('a b c d');
    expect(normaliseForDetection('  a  ')).toBe(' a ');
    expect(normaliseForDetection('a b')).toBe('a b');
  });

  it('folds compatibility forms and keeps everything else', () => {
    expect(normaliseForDetection('ＡＢＣ＠ｅｘａｍｐｌｅ．ｓｅ')).toBe('ABC@example.se');
    expect(normaliseForDetection('Åsa Öberg, ärende')).toBe('Åsa Öberg, ärende');
    expect(normaliseForDetection('😀 ok 𝒜')).toBe('😀 ok A');
    expect(normaliseForDetection('plain ascii ~!')).toBe('plain ascii ~!');
    expect(normaliseForDetection('a\u007fb')).toBe('a b');
    expect(normaliseForDetection('\uffffa\ud800b')).toBe('\uffffa\ufffdb');
    expect(normaliseForDetection('\u{10000}1\u{1f600}')).toBe('\u{10000}1\u{1f600}');
    expect(normaliseForDetection('')).toBe('');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const once = normaliseForDetection(text);
        expect(normaliseForDetection(once)).toBe(once);
      }),
    );
  });
});

describe('decodeUrlText', () => {
  it('decodes', () =>
    eachCase(
      [
        ['plain', 'plain'],
        ['%41%42', 'AB'],
        ['%c3%a5', 'å'],
        ['%2534', '4'],
        ['%252534', '4'],
        ['100%', '100%'],
        ['%', '%'],
        ['%%34', '%4'],
        ['%zz%4', '%zz%4'],
        ['a+b', 'a+b'],
      ],
      (text, decoded) => {
        expect(decodeUrlText(text)).toBe(decoded);
      },
    ));

  it('refuses bytes that are not UTF-8', () => {
    expect(decodeUrlText('%C3')).toBeNull();
    expect(decodeUrlText('%ff%fe')).toBeNull();
    expect(decodeUrlText('%25C3')).toBeNull();
  });

  it('decodes up to seven nested encodings and refuses an eighth', () => {
    const nested = (depth: number) => `%${'25'.repeat(depth - 1)}34`;
    expect(nested(1)).toBe('%34');
    expect(nested(3)).toBe('%252534');
    expect(decodeUrlText(nested(7))).toBe('4');
    expect(decodeUrlText(nested(8))).toBeNull();
  });
});
