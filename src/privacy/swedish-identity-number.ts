import { isLuhnValid } from './luhn';

export type SwedishIdentityNumberKind = 'personal_identity_number' | 'coordination_number';

export interface IdentityNumberHit {
  kind: SwedishIdentityNumberKind;
  index: number;
}

/** Coordination numbers (samordningsnummer) add 60 to the day of birth. */
const COORDINATION_DAY_OFFSET = 60;

// Date (YYMMDD) and 4-digit serial, separated by nothing, '-', '+' (aged 100+), a space or an en dash.
// Lookarounds keep it out of longer digit runs.
const TEN_DIGIT = /(?<!\d)(\d{2})(\d{2})(\d{2})[-+–\u00a0 ]?(\d{4})(?!\d)/g;
const TWELVE_DIGIT = /(?<!\d)(18|19|20)(\d{2})(\d{2})(\d{2})[-–\u00a0 ]?(\d{4})(?!\d)/g;

function daysInMonth(month: number, leap: boolean): number {
  if (month === 2) return leap ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isGregorianLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Classifies month/day as a birth date (personal identity number), a birth date + 60
 * (coordination number), or neither. `leap` says whether February 29 exists that year.
 */
function classifyDate(month: number, day: number, leap: boolean): SwedishIdentityNumberKind | null {
  if (month < 1 || month > 12) return null;
  const max = daysInMonth(month, leap);
  if (day >= 1 && day <= max) return 'personal_identity_number';
  const shifted = day - COORDINATION_DAY_OFFSET;
  if (shifted >= 1 && shifted <= max) return 'coordination_number';
  return null;
}

/**
 * Validates a Swedish personal identity or coordination number given as its parts.
 * `century` is null for the 10-digit form; then February 29 is accepted in every year divisible
 * by four (the century is unknown, and 2000 was a leap year).
 */
export function classifySwedishIdentityNumber(
  century: string | null,
  yy: string,
  mm: string,
  dd: string,
  serial: string,
): SwedishIdentityNumberKind | null {
  const yearInCentury = Number(yy);
  const leap =
    century === null ? yearInCentury % 4 === 0 : isGregorianLeapYear(Number(century + yy));
  const kind = classifyDate(Number(mm), Number(dd), leap);
  if (kind === null) return null;
  return isLuhnValid(yy + mm + dd + serial) ? kind : null;
}

/** First valid personal identity or coordination number in `text`, in any common written form. */
export function findSwedishIdentityNumber(text: string): IdentityNumberHit | null {
  let best: IdentityNumberHit | null = null;
  for (const m of text.matchAll(TWELVE_DIGIT)) {
    const kind = classifySwedishIdentityNumber(m[1], m[2], m[3], m[4], m[5]);
    if (kind !== null) {
      best = { kind, index: m.index };
      break;
    }
  }
  for (const m of text.matchAll(TEN_DIGIT)) {
    if (best !== null && m.index >= best.index) break;
    const kind = classifySwedishIdentityNumber(null, m[1], m[2], m[3], m[4]);
    if (kind !== null) return { kind, index: m.index };
  }
  return best;
}
