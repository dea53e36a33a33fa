import { isLuhnValid } from './luhn';
import { DigitChains, runLength, windowDigits } from './digit-chains';
import { joinDigits, splitDigitGroups } from './digit-groups';

/** IBAN lengths of the countries most likely to appear; other countries' IBANs need mod 97 and 15–34 characters. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  SE: 24,
  NO: 15,
  DK: 18,
  FI: 18,
  IS: 26,
  DE: 22,
  GB: 22,
  FR: 27,
  ES: 24,
  IT: 27,
  NL: 18,
  BE: 16,
  PL: 28,
  EE: 20,
  LV: 21,
  LT: 20,
  AT: 20,
  CH: 21,
  IE: 22,
  PT: 25,
  GR: 27,
  RO: 24,
  HU: 28,
  TR: 26,
};
const IBAN = /(?<![\p{L}\p{N}])([A-Z]{2})(\d{2})((?: ?[A-Z0-9]){11,30})(?![\p{L}\p{N}])/gu;

/** Letters count as two digits, A = 10 … Z = 35 (ISO 13616). */
function mod97(alphanumeric: string): number {
  let rest = 0;
  for (let i = 0; i < alphanumeric.length; i++) {
    const code = alphanumeric.charCodeAt(i);
    rest = code >= 65 ? (rest * 100 + code - 55) % 97 : (rest * 10 + code - 48) % 97;
  }
  return rest;
}

function isIban(country: string, check: string, bban: string): boolean {
  const expected = IBAN_LENGTHS[country];
  const length = 4 + bban.length;
  if (expected !== undefined ? length !== expected : length < 15 || length > 34) {
    return false;
  }
  return mod97(bban + country + check) === 1;
}

/** Index of the first IBAN (mod 97 validated, spaces allowed in groups) in `text`, or -1. */
export function findIban(text: string): number {
  for (const m of text.matchAll(IBAN)) {
    const captured = m[3].replace(/ /g, '');
    const expected = IBAN_LENGTHS[m[1]];
    // The candidate may have swallowed a following word in capitals: cut it to the country's length.
    const bban = expected !== undefined ? captured.slice(0, expected - 4) : captured;
    if (isIban(m[1], m[2], bban)) {
      return m.index;
    }
  }
  return -1;
}

// Payment cards: Visa 13/16/19, Mastercard 16, American Express 15 digits; written unbroken or in groups of four
// (Amex 4-6-5) with one space or dash between groups, Luhn validated. Read from the digit runs, so every group start
// is tried in linear time.
const CARD_SEPARATORS = new Set([32, 45]);
const MAX_CARD_GROUPS = 5;

/** Unbroken, in groups of four with a shorter last group, or American Express's 4-6-5. */
function isCardGrouping(lengths: readonly number[]): boolean {
  if (lengths.length === 1) {
    return true;
  }
  if (lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6 && lengths[2] === 5) {
    return true;
  }
  return lengths.every((len, k) => (k < lengths.length - 1 ? len === 4 : len >= 1 && len <= 4));
}

function isCardNumber(digits: string, lengths: readonly number[]): boolean {
  if (!isLuhnValid(digits) || !isCardGrouping(lengths)) {
    return false;
  }
  if (/^4/.test(digits)) {
    return [13, 16, 19].includes(digits.length);
  }
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) {
    return digits.length === 16;
  }
  if (/^3[47]/.test(digits)) {
    return digits.length === 15;
  }
  return false;
}

/** Index of the first payment card number in the digit runs, or -1. */
export function findPaymentCard(chains: DigitChains): number {
  for (let i = 0; i < chains.count; i++) {
    const first = runLength(chains, i);
    const before = chains.text[chains.start[i] - 1];
    if ((first !== 4 && (first < 13 || first > 19)) || before === '.' || before === ',') {
      continue;
    }
    const lengths: number[] = [];
    for (let j = i; j < chains.count && j - i < MAX_CARD_GROUPS; j++) {
      if (j > i && !(chains.joined[j] === 1 && CARD_SEPARATORS.has(chains.separator[j]))) {
        break;
      }
      const length = chains.offset[j + 1] - chains.offset[i];
      if (length > 19) {
        break;
      }
      lengths.push(runLength(chains, j));
      if (length >= 13 && isCardNumber(windowDigits(chains, i, j + 1), lengths)) {
        return chains.start[i];
      }
    }
  }
  return -1;
}

// Swedish bank account, bankgiro and plusgiro numbers carry no checksum that tells them apart from
// reference numbers, so they are only recognised after a keyword: `PG 12 34 56-7`, `kontonummer 8327-9, 123 456 789-0`.
const GIRO =
  /(?<!\p{L})(?:plusgiro|bankgiro|pg|bg)(?:nummer|nr|konto)?\.?(?: ?(?:nr|nummer)\.?)?[ \u00a0]*:?[ \u00a0]*(\d[\d -]*\d)/giu;
const ACCOUNT =
  /(?<!\p{L})(?:bankkonto|personkonto|lönekonto|sparkonto|kontonummer|kontonr|konto nr|clearingnummer|clearingnr)\.?(?: ?(?:nr|nummer)\.?)?[ \u00a0]*:?[ \u00a0]*(\d[\d ,-]*\d)/giu;

const SINGLE_SEPARATOR = /^[ -]$/;
const ACCOUNT_SEPARATOR = /^(?:[ -]|, ?)$/;

export function findBankAccount(text: string): number {
  for (const m of text.matchAll(GIRO)) {
    const groups = splitDigitGroups(m[1], SINGLE_SEPARATOR, 1, 5);
    for (let k = groups.length; k >= 1; k--) {
      const digits = joinDigits(groups.slice(0, k));
      if (digits.length >= 5 && digits.length <= 8 && isLuhnValid(digits)) {
        return m.index;
      }
    }
  }
  for (const m of text.matchAll(ACCOUNT)) {
    // Clearing number (4–5 digits) and account number (7–10 digits), or the account number alone.
    const groups = splitDigitGroups(m[1], ACCOUNT_SEPARATOR, 2, 7);
    for (let k = groups.length; k >= 1; k--) {
      const digits = joinDigits(groups.slice(0, k));
      if (digits.length >= 7 && digits.length <= 15) {
        return m.index;
      }
    }
  }
  return -1;
}
