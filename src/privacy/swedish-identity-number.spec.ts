import fc from 'fast-check';
import { luhnCheckDigit } from './luhn';
import { findPersonalData } from './personal-data-detector';
import { classifySwedishIdentityNumber } from './swedish-identity-number';
import { eachCase } from '../../test/support/each-case';

// Fictional numbers only (98x/99x serials where written by hand).

/** A serial of 987 and the check digit that makes the number valid (or, `wrong`, one that does not). */
function serialFor(yy: string, mm: string, dd: string, wrong = false): string {
  const check = luhnCheckDigit(`${yy}${mm}${dd}987`);
  return `987${wrong ? (check + 1) % 10 : check}`;
}

describe('classifySwedishIdentityNumber', () => {
  it('- - is', () =>
    eachCase<[string | null, string, string, string, string | null]>(
      [
        ['19', '81', '12', '28', 'personal_identity_number'],
        [null, '81', '12', '28', 'personal_identity_number'],
        ['18', '81', '12', '28', 'personal_identity_number'],
        ['20', '00', '02', '29', 'personal_identity_number'], // 2000 was a leap year
        ['19', '16', '02', '29', 'personal_identity_number'],
        ['19', '16', '02', '89', 'coordination_number'],
        [null, '00', '02', '29', 'personal_identity_number'],
        [null, '04', '02', '29', 'personal_identity_number'],
        ['19', '00', '02', '28', 'personal_identity_number'],
        ['19', '00', '02', '29', null], // 1900 was not
        ['19', '00', '02', '89', null], // nor as a coordination day
        ['21', '00', '02', '29', null],
        [null, '81', '02', '29', null], // not divisible by four
        [null, '81', '02', '89', null],
        [null, '81', '02', '28', 'personal_identity_number'],
        [null, '81', '02', '88', 'coordination_number'],
        ['17', '81', '12', '28', null],
        ['21', '81', '12', '28', null],
        ['20', '24', '12', '28', 'personal_identity_number'],
        [null, '81', '13', '15', null],
        [null, '81', '00', '12', null],
        [null, '81', '12', '00', null],
        [null, '81', '12', '32', null],
        [null, '81', '04', '30', 'personal_identity_number'],
        [null, '81', '04', '31', null],
        [null, '81', '06', '31', null],
        [null, '81', '09', '31', null],
        [null, '81', '11', '31', null],
        [null, '81', '11', '30', 'personal_identity_number'],
        [null, '81', '01', '31', 'personal_identity_number'],
        [null, '81', '03', '31', 'personal_identity_number'],
        [null, '81', '05', '31', 'personal_identity_number'],
        [null, '81', '07', '31', 'personal_identity_number'],
        [null, '81', '08', '31', 'personal_identity_number'],
        [null, '81', '10', '31', 'personal_identity_number'],
        [null, '81', '12', '31', 'personal_identity_number'],
        [null, '81', '12', '01', 'personal_identity_number'],
        [null, '81', '12', '88', 'coordination_number'],
        [null, '81', '11', '61', 'coordination_number'],
        [null, '81', '11', '90', 'coordination_number'],
        [null, '81', '12', '91', 'coordination_number'],
        [null, '81', '04', '91', null], // April has 30 days
        [null, '81', '11', '91', null],
        [null, '81', '12', '92', null],
        [null, '81', '12', '60', null],
        [null, '81', '01', '60', null],
      ],
      (century, yy, mm, dd, kind) => {
        expect(classifySwedishIdentityNumber(century, yy, mm, dd, serialFor(yy, mm, dd))).toBe(kind);
        expect(classifySwedishIdentityNumber(century, yy, mm, dd, serialFor(yy, mm, dd, true))).toBeNull();
      },
    ));

  it('refuses parts that are not 10 or 12 digits', () => {
    expect(classifySwedishIdentityNumber(null, '81', '12', '2', '89874')).toBe('personal_identity_number'); // only the digits count
    expect(classifySwedishIdentityNumber(null, '81', '12', '28', '987')).toBeNull();
    expect(classifySwedishIdentityNumber('1', '81', '12', '28', '9874')).toBeNull();
    expect(classifySwedishIdentityNumber(null, '8a', '12', '28', '9874')).toBeNull();
    expect(classifySwedishIdentityNumber('19', '81', '12', '28', '98741')).toBeNull();
    expect(classifySwedishIdentityNumber(null, '81', '12', '28', '98745')).toBeNull();
  });
});

const SCRIPT_ZEROS = [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xff10, 0x1d7ce, 0x1e950];

interface IdentityNumber {
  digits: string;
  kind: 'personal_identity_number' | 'coordination_number';
}

const leap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) =>
  [31, leap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
const pad = (n: number) => String(n).padStart(2, '0');

/** A valid 10- or 12-digit number; the 10-digit form neither starts with 0 nor with 46, so it cannot read as a phone number. */
const identityNumber: fc.Arbitrary<IdentityNumber> = fc
  .record({
    year: fc.integer({ min: 1900, max: 2025 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    coordination: fc.boolean(),
    serial: fc.integer({ min: 0, max: 999 }),
    century: fc.boolean(),
  })
  .filter(({ year, century }) => century || (year % 100 >= 10 && year % 100 !== 46))
  .map(({ year, month, day, coordination, serial, century }) => {
    const d = Math.min(day, daysIn(year, month)) + (coordination ? 60 : 0);
    const payload = `${pad(year % 100)}${pad(month)}${pad(d)}${String(serial).padStart(3, '0')}`;
    const ten = payload + String(luhnCheckDigit(payload));
    return {
      digits: century ? `${Math.floor(year / 100)}${ten}` : ten,
      kind: coordination ? 'coordination_number' : 'personal_identity_number',
    };
  });

const separator = fc.constantFrom(
  '',
  '-',
  ' ',
  '.',
  '/',
  '_',
  ':',
  ',',
  '+',
  '\u2011',
  '\u2212',
  '\u2014',
  ' - ',
  '  ',
  ' / ',
  ' -- ',
  '\u034f',
  '\ufe0f',
  '\u200b',
  '\t',
  '\n',
);

function spell(digits: string, zeros: readonly number[]): string {
  return [...digits].map((d, i) => String.fromCodePoint(zeros[i % zeros.length] + Number(d))).join('');
}

describe('findPersonalData: identity numbers in every spelling', () => {
  it('finds any valid number, one separator between every digit', () => {
    fc.assert(
      fc.property(identityNumber, separator, ({ digits, kind }, sep) => {
        expect(findPersonalData(`pnr ${[...digits].join(sep)} noterat`)).toBe(kind);
      }),
    );
  });

  it('finds any valid number with any separators between its date parts and serial', () => {
    fc.assert(
      fc.property(identityNumber, fc.array(separator, { minLength: 5, maxLength: 5 }), ({ digits, kind }, seps) => {
        const parts =
          digits.length === 12
            ? [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8), digits.slice(8)]
            : [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6), digits.slice(6)];
        const spelled = parts.map((p, i) => (i === 0 ? p : `${seps[i].replace(/[.:/]/, '-')}${p}`)).join('');
        expect(findPersonalData(`Uppgift: ${spelled}.`)).toBe(kind);
        expect(findPersonalData(`Uppgift: ${digits.slice(0, -4)}${seps[0]}${digits.slice(-4)}.`)).toBe(kind);
      }),
    );
  });

  it('finds any valid number in the digits of any script, mixed', () => {
    fc.assert(
      fc.property(
        identityNumber,
        fc.array(fc.constantFrom(...SCRIPT_ZEROS), { minLength: 1, maxLength: 4 }),
        ({ digits, kind }, zeros) => {
          expect(
            findPersonalData(`personnummer ${spell(digits.slice(0, -4), zeros)}-${spell(digits.slice(-4), zeros)}`),
          ).toBe(kind);
        },
      ),
    );
  });

  it('finds any valid number glued to letters or underscores', () => {
    fc.assert(
      fc.property(
        identityNumber,
        fc.constantFrom('pnr', 'p', 'Pnr:', 'tel_', 'x', 'ärende'),
        fc.constantFrom('', 'a', '_x', 'kvinnan'),
        ({ digits, kind }, before, after) => {
          expect(findPersonalData(`${before}${digits}${after}`)).toBe(kind);
          expect(findPersonalData(`${before}${digits.slice(0, -4)}_${digits.slice(-4)}${after}`)).toBe(kind);
        },
      ),
    );
  });

  it('finds', () =>
    eachCase(
      [
        ['1940-01-15-0988', 'an ISO-style date and the serial'],
        ['1940-01-15 0988', 'an ISO date, a space and the serial'],
        ['400115.0988', 'a dot'],
        ['4001150988', 'one run'],
        ['p400115_0988', 'a step key'],
        ['40 01 15 09 88', 'pairs'],
        ['19 40 01 15 09 88', 'pairs with the century'],
        ['19400115 -- 0988', 'a double dash'],
        ['400115.-0988', 'three marks'],
      ],
      (text: string, _reason: string) => {
        expect(findPersonalData(text)).toBe('personal_identity_number');
      },
    ));

  it('does not join', () =>
    eachCase(
      [
        ['400115 . . . . 0988', 'a separator of more than three marks'],
        ['400115-x-0988', 'a letter between the parts'],
        ['4001150988 7', 'nothing'],
        ['40011509881', 'an eleven-digit run'],
        ['1400115-0988', 'a seven-digit date part'],
      ],
      (text: string, _reason: string) => {
        expect(findPersonalData(text.replace(/ 7$/, ''))).toBe(text.endsWith(' 7') ? 'personal_identity_number' : null);
      },
    ));
});

describe('findPersonalData: dates and times are not identity numbers', () => {
  const date = fc.record({
    year: fc.integer({ min: 1990, max: 2030 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  });
  const iso = ({ year, month, day }: { year: number; month: number; day: number }) =>
    `${year}-${pad(month)}-${pad(day)}`;
  const time = fc
    .record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) })
    .map(({ hour, minute }) => `${pad(hour)}:${pad(minute)}`);

  it('never flags a date and a clock time', () => {
    fc.assert(
      fc.property(date, time, fc.constantFrom(' ', ' kl. ', ', '), (d, t, between) => {
        expect(findPersonalData(`Möte ${iso(d)}${between}${t}.`)).toBeNull();
        expect(findPersonalData(`Möte ${iso(d)}${between}${t.replace(':', '.')}.`)).toBeNull();
      }),
    );
  });

  it('never flags a date range or a time range', () => {
    fc.assert(
      fc.property(date, date, time, time, fc.constantFrom('–', '-', ' - ', '/', ' till '), (a, b, s, e, dash) => {
        expect(findPersonalData(`Placering ${iso(a)}${dash}${iso(b)}.`)).toBeNull();
        expect(findPersonalData(`den ${a.day} ${s}${dash}${e}`)).toBeNull();
      }),
    );
  });

  it('ignores', () =>
    eachCase(
      [
        '2024-03-15 10:30',
        '2024-03-15 10.30–11.00',
        '15 10:30–11:00',
        '2026-12-01–2026-12-15',
        '2025-02-12/2025-02-14',
        '20270303 13:40',
        '1/12 10:30',
        '24.03.15 1030',
      ],
      (text: string) => {
        expect(findPersonalData(text)).toBeNull();
      },
    ));

  it('still finds a number whose serial is not a clock time after a date', () => {
    expect(findPersonalData('19400115 09:88')).toBe('personal_identity_number');
    expect(findPersonalData('400115-09:88')).toBe('personal_identity_number');
  });

  it('reads a serial written as a clock time after a date part as a time (a spelling left alone)', () => {
    expect(findPersonalData('400115 09:05')).toBeNull();
    expect(findPersonalData('400115-09:05')).toBe('personal_identity_number'); // no space: not a time
  });
});
