import { CalendarNotation, isClearOfCalendar } from './calendar-notation';
import { DigitChains, runLength, windowOf } from './digit-chains';
import { isLuhnValid } from './luhn';

export type SwedishIdentityNumberKind = 'personal_identity_number' | 'coordination_number';

export interface IdentityNumberHit {
  kind: SwedishIdentityNumberKind;
  index: number;
  /** Written as one run or as date and serial (`811228-9874`), not in a grouping phone numbers use. */
  conventional: boolean;
}

/** The 12-digit form with the century first: its last ten digits, or its first, may be a 10-digit number too. */
const LENGTHS = [12, 10] as const;

/** Coordination numbers (samordningsnummer) add 60 to the day of birth. */
const COORDINATION_DAY_OFFSET = 60;

function daysInMonth(month: number, leap: boolean): number {
  if (month === 2) {
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isGregorianLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Classifies month/day as a birth date (personal identity number), a birth date + 60
 * (coordination number), or neither. `leap` says whether February 29 exists that year.
 */
function classifyDate(month: number, day: number, leap: boolean): SwedishIdentityNumberKind | null {
  if (month < 1 || month > 12) {
    return null;
  }
  const max = daysInMonth(month, leap);
  if (day >= 1 && day <= max) {
    return 'personal_identity_number';
  }
  const shifted = day - COORDINATION_DAY_OFFSET;
  if (shifted >= 1 && shifted <= max) {
    return 'coordination_number';
  }
  return null;
}

function twoDigits(digits: string, at: number): number {
  return (digits.charCodeAt(at) - 48) * 10 + digits.charCodeAt(at + 1) - 48;
}

/**
 * The kind of the identity number in `digits[at, at + length)`, length 10 (YYMMDDNNNN) or 12 (CCYYMMDDNNNN with
 * century 18, 19 or 20). In the 10-digit form February 29 is accepted in every year divisible by four (the century
 * is unknown, and 2000 was a leap year).
 */
function kindAt(digits: string, at: number, length: number): SwedishIdentityNumberKind | null {
  const date = length === 12 ? at + 2 : at;
  const century = twoDigits(digits, at);
  if (length === 12 && (century < 18 || century > 20)) {
    return null;
  }
  const yy = twoDigits(digits, date);
  const leap = length === 12 ? isGregorianLeapYear(century * 100 + yy) : yy % 4 === 0;
  const kind = classifyDate(twoDigits(digits, date + 2), twoDigits(digits, date + 4), leap);
  return kind !== null && isLuhnValid(digits, date, date + 10) ? kind : null;
}

/** Validates a Swedish personal identity or coordination number given as its parts (`century` null: 10 digits). */
export function classifySwedishIdentityNumber(
  century: string | null,
  yy: string,
  mm: string,
  dd: string,
  serial: string,
): SwedishIdentityNumberKind | null {
  const digits = `${century ?? ''}${yy}${mm}${dd}${serial}`;
  if (!/^(?:\d{10}|\d{12})$/.test(digits)) {
    return null;
  }
  return kindAt(digits, 0, digits.length);
}

/**
 * The first personal identity or coordination number among the digit runs: 10 or 12 digits in consecutive runs,
 * however they are separated, that take no part of a written date or clock time.
 */
export function findSwedishIdentityNumber(chains: DigitChains, notation: CalendarNotation): IdentityNumberHit | null {
  for (let i = 0; i < chains.count; i++) {
    for (const length of LENGTHS) {
      const j = windowOf(chains, i, length);
      if (j < 0) {
        continue;
      }
      const kind = kindAt(chains.digits, chains.offset[i], length);
      if (kind !== null && isClearOfCalendar(notation, i, j, length === 12)) {
        const conventional = j === i + 1 || (j === i + 2 && runLength(chains, i + 1) === 4);
        return { kind, index: chains.start[i], conventional };
      }
    }
  }
  return null;
}
