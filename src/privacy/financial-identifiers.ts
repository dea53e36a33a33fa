import { isLuhnValid } from './luhn';
import { DigitGroup, isDigit, joinDigits, splitDigitGroups } from './digit-groups';

/** IBAN lengths of the countries most likely to appear; other countries' IBANs need mod 97 and 15–34 characters. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  SE: 24, NO: 15, DK: 18, FI: 18, IS: 26, DE: 22, GB: 22, FR: 27, ES: 24, IT: 27, NL: 18, BE: 16,
  PL: 28, EE: 20, LV: 21, LT: 20, AT: 20, CH: 21, IE: 22, PT: 25, GR: 27, RO: 24, HU: 28, TR: 26,
};
const IBAN = /(?<![\p{L}\p{N}])([A-Z]{2})(\d{2})((?: ?[A-Z0-9]){11,30})(?![\p{L}\p{N}])/gu;

function mod97(alphanumeric: string): number {
  let rest = 0;
  for (const ch of alphanumeric) {
    const value = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest;
}

function isIban(country: string, check: string, bban: string): boolean {
  const expected = IBAN_LENGTHS[country];
  const length = 4 + bban.length;
  if (expected !== undefined ? length !== expected : length < 15 || length > 34) return false;
  return mod97(bban + country + check) === 1;
}

/** Index of the first IBAN (mod 97 validated, spaces allowed in groups) in `text`, or -1. */
export function findIban(text: string): number {
  for (const m of text.matchAll(IBAN)) {
    const captured = m[3].replace(/ /g, '');
    const expected = IBAN_LENGTHS[m[1]];
    // The candidate may have swallowed a following word in capitals: cut it to the country's length.
    const bban = expected !== undefined ? captured.slice(0, expected - 4) : captured;
    if (isIban(m[1], m[2], bban)) return m.index;
  }
  return -1;
}

// Payment cards: Visa 13/16/19, Mastercard 16, American Express 15 digits; written unbroken or in
// groups of four (Amex 4-6-5), Luhn validated.
// Captured in a lookahead (at most 19 digits and 4 separators) so every group start is tried in linear time.
const CARD_CANDIDATE = /(?<![\d.,])(?=(\d[\d -]{11,23}))/g;
const SINGLE_SEPARATOR = /^[ -]$/;

function countDigits(s: string): number {
  let n = 0;
  for (const ch of s) if (isDigit(ch)) n++;
  return n;
}

function isCardNumber(groups: readonly DigitGroup[]): boolean {
  const digits = joinDigits(groups);
  const sizes = groups.map((g) => g.digits.length).join(',');
  const grouped = groups.length === 1 || /^4(,4)+(,[1-4])?$/.test(sizes) || sizes === '4,6,5';
  if (!grouped || !isLuhnValid(digits)) return false;
  if (/^4/.test(digits)) return [13, 16, 19].includes(digits.length);
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return digits.length === 16;
  if (/^3[47]/.test(digits)) return digits.length === 15;
  return false;
}

export function findPaymentCard(text: string): number {
  for (const m of text.matchAll(CARD_CANDIDATE)) {
    if (countDigits(m[1]) < 13) continue;
    const groups = splitDigitGroups(m[1], SINGLE_SEPARATOR, 1, 5);
    for (let k = groups.length; k >= 1; k--) {
      const endsRun = !isDigit(text[m.index + groups[k - 1].end]);
      if (endsRun && isCardNumber(groups.slice(0, k))) return m.index;
    }
  }
  return -1;
}

// Swedish bank account, bankgiro and plusgiro numbers carry no checksum that tells them apart from
// reference numbers, so they are only recognised after a keyword: `PG 12 34 56-7`, `kontonummer 8327-9, 123 456 789-0`.
const GIRO = /(?<!\p{L})(?:plusgiro|bankgiro|pg|bg)(?:nummer|nr|konto)?\.?(?: ?(?:nr|nummer)\.?)?[ \u00a0]*:?[ \u00a0]*(\d[\d -]*\d)/giu;
const ACCOUNT =
  /(?<!\p{L})(?:bankkonto|personkonto|lönekonto|sparkonto|kontonummer|kontonr|konto nr|clearingnummer|clearingnr)\.?(?: ?(?:nr|nummer)\.?)?[ \u00a0]*:?[ \u00a0]*(\d[\d ,-]*\d)/giu;

const ACCOUNT_SEPARATOR = /^(?:[ -]|, ?)$/;

export function findBankAccount(text: string): number {
  for (const m of text.matchAll(GIRO)) {
    const groups = splitDigitGroups(m[1], SINGLE_SEPARATOR, 1, 5);
    for (let k = groups.length; k >= 1; k--) {
      const digits = joinDigits(groups.slice(0, k));
      if (digits.length >= 5 && digits.length <= 8 && isLuhnValid(digits)) return m.index;
    }
  }
  for (const m of text.matchAll(ACCOUNT)) {
    // Clearing number (4–5 digits) and account number (7–10 digits), or the account number alone.
    const groups = splitDigitGroups(m[1], ACCOUNT_SEPARATOR, 2, 7);
    for (let k = groups.length; k >= 1; k--) {
      const digits = joinDigits(groups.slice(0, k));
      if (digits.length >= 7 && digits.length <= 15) return m.index;
    }
  }
  return -1;
}
