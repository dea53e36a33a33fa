import { CalendarNotation, isClearOfCalendar } from './calendar-notation';
import { DigitChains, runLength } from './digit-chains';

// Phone numbers among the digit runs, whatever separates them (`070.123.45.67`, `070_1234567`) and whatever they
// are glued to (`Ring0701234567`): national `0…`, `+46`/`0046` with an optional `(0)`, `46` without a plus, and other
// countries after `+` or `00`. National and `46` numbers must be grouped as people write them, so that lists of
// municipality codes (`0180 1480 0181`), postcodes and amounts are not read as one number.

const PLUS = 43;
const ZERO = 48;
const COMMA = 44;
const DOT = 46;

/** A number followed by a unit is an amount or a count, not a phone number (`+12 500 000 kr`). */
const UNIT_AFTER = /^ ?(?:kr|kronor|sek|eur|€|%|procent|:-|st|ggr)(?![\p{L}\p{N}])/iu;
const DECIMAL_AFTER = /^[.,]\d/;

/** E.164 numbers have at most 15 digits; Swedish significant numbers at most 9. */
const MAX_INTERNATIONAL = 15;
const MAX_SIGNIFICANT = 9;

// Freephone (020), shared-cost (077x) and premium-rate (0900, 0939, 0944) numbers belong to services such as
// Kvinnofridslinjen 020-50 50 50, never to a person: routines may name them.
const SERVICE_NUMBER = /^(?:20|77|900|939|944)/;

/** Swedish national significant number: 7–9 digits (the caller stops at 9) without the trunk 0; mobile (7x) numbers have 9. */
function isSwedishSignificantNumber(nsn: string): boolean {
  if (nsn.length < 7 || nsn[0] === '0' || SERVICE_NUMBER.test(nsn)) {
    return false;
  }
  return nsn[0] !== '7' || nsn.length === 9;
}

/**
 * Run lengths of a national number, trunk 0 included: one unbroken run (`0701234567`), one digit per run (checked
 * by the caller for one and the same separator: `0 7 0 1 2 3 4 5 6 7`), or an area code of 2–4 digits followed by
 * the subscriber number as one run of at least 5 digits (`070-1234567`) or in groups of 2–4 digits (`08-123 456 78`,
 * `031-12 34 56`, `070 123 4567`). The significant number's length bounds the rest. Lists of municipality codes
 * (`0180 1480 0181`) do not fit.
 */
function isNationalShape(lengths: readonly number[]): boolean {
  if (lengths.length === 1) {
    return true;
  }
  if (lengths.every((len) => len === 1)) {
    return lengths.length === 10;
  }
  if (lengths[0] < 2 || lengths[0] > 4) {
    return false;
  }
  if (lengths.length === 2) {
    return lengths[1] >= 5;
  }
  return lengths.every((len, k) => k === 0 || (len >= 2 && len <= 4));
}

type Prefix = 'national' | 'sweden-bare' | 'sweden' | 'foreign';

interface Dialling {
  prefix: Prefix;
  /** Offset in the digits where the national significant number (abroad: the country code) starts. */
  from: number;
}

function hasPlusBefore(chains: DigitChains, i: number): boolean {
  let k = chains.start[i] - 1;
  if (chains.text[k] === ' ' || chains.text[k] === '(') {
    k--;
  }
  return chains.text.charCodeAt(k) === PLUS;
}

function dial(chains: DigitChains, at: number, prefix: Prefix, skip: number): Dialling | null {
  let from = at + skip;
  // `+46 (0)8 …`, `0046 0 70 …`: a trunk 0 after the country code is not dialled.
  if (prefix === 'sweden' || prefix === 'sweden-bare') {
    if (chains.digits.charCodeAt(from) === ZERO) {
      from++;
    }
  }
  return chains.digits.charCodeAt(from) === ZERO ? null : { prefix, from };
}

/** How a number starting at run i is dialled, from its first digits, or null when no phone number starts there. */
function dialling(chains: DigitChains, i: number): Dialling | null {
  const digits = chains.digits;
  const at = chains.offset[i];
  const sweden = digits.startsWith('46', at);
  if (hasPlusBefore(chains, i)) {
    return sweden ? dial(chains, at, 'sweden', 2) : dial(chains, at, 'foreign', 0);
  }
  if (digits.startsWith('0046', at)) {
    return dial(chains, at, 'sweden', 4);
  }
  if (digits.startsWith('00', at)) {
    return dial(chains, at, 'foreign', 2);
  }
  if (digits.charCodeAt(at) === ZERO) {
    return dial(chains, at, 'national', 1);
  }
  return sweden ? dial(chains, at, 'sweden-bare', 2) : null;
}

/** Run lengths of runs i..j-1 as a national number: a country code of `dropped` digits becomes the trunk 0. */
function nationalLengths(chains: DigitChains, i: number, j: number, dropped: number): number[] {
  const lengths: number[] = [];
  let drop = dropped;
  for (let k = i; k < j; k++) {
    const len = runLength(chains, k) - drop;
    drop = Math.max(0, -len);
    if (len > 0) {
      lengths.push(len);
    }
  }
  if (dropped > 0) {
    lengths[0] += 1;
  }
  return lengths;
}

/**
 * Digit by digit, a number is written with one separator throughout (`0-4-0-6-2-8-0-4-9-8`), and it is not the
 * scale of a questionnaire (`0 1 2 3 4 5 6 7 8 9`) or a list of answers after one (`0–9): 9 1 1 2 6 4 4 4 6 1`).
 */
function isSpelledOut(chains: DigitChains, i: number, j: number): boolean {
  return isOneSeparator(chains, i, j) && chains.digits.slice(chains.offset[i], chains.offset[j]) !== '0123456789';
}

function separatorBefore(chains: DigitChains, k: number): string {
  return chains.text.slice(chains.end[k - 1], chains.start[k]);
}

function isOneSeparator(chains: DigitChains, i: number, j: number): boolean {
  for (let k = i + 2; k < j; k++) {
    if (separatorBefore(chains, k) !== separatorBefore(chains, k - 1)) {
      return false;
    }
  }
  return true;
}

/** A comma among other separators lists numbers (`0181 – 17, 0182 – 34`); only `070,174,06,14` is one number. */
function isList(chains: DigitChains, i: number, j: number): boolean {
  for (let k = i + 1; k < j; k++) {
    if (separatorBefore(chains, k).includes(',')) {
      return !isOneSeparator(chains, i, j);
    }
  }
  return false;
}

/** `+12 500 000,50`: a last run of two digits after a comma or dot is the decimals of an amount. */
function isDecimal(chains: DigitChains, last: number): boolean {
  const separator = chains.separator[last];
  return (separator === COMMA || separator === DOT) && runLength(chains, last) === 2;
}

function isPhoneWindow(chains: DigitChains, i: number, j: number, dialled: Dialling): boolean {
  const number = chains.digits.slice(dialled.from, chains.offset[j]);
  if (dialled.prefix === 'foreign') {
    // The caller stops at 15 digits (E.164); after `00` at least 9, after `+` at least 8.
    return number.length >= (dialled.from > chains.offset[i] ? 9 : 8) && !isDecimal(chains, j - 1);
  }
  if (!isSwedishSignificantNumber(number)) {
    return false;
  }
  if (dialled.prefix === 'sweden') {
    return true;
  }
  const dropped = dialled.prefix === 'national' ? 0 : dialled.from - chains.offset[i];
  const lengths = nationalLengths(chains, i, j, dropped);
  return isNationalShape(lengths) && (lengths.length < 10 || isSpelledOut(chains, i, j));
}

function isQuantity(chains: DigitChains, end: number): boolean {
  const rest = chains.text.slice(end, end + 12);
  return UNIT_AFTER.test(rest) || DECIMAL_AFTER.test(rest);
}

/** Index of the first Swedish or international phone number, or -1. */
export function findPhoneNumber(chains: DigitChains, notation: CalendarNotation): number {
  for (let i = 0; i < chains.count; i++) {
    // A phone number takes no part of a written date or clock time.
    const dialled = notation.time[i] === 1 || notation.dateStart[i] >= 0 ? null : dialling(chains, i);
    if (dialled === null) {
      continue;
    }
    const longest = dialled.prefix === 'foreign' ? MAX_INTERNATIONAL : MAX_SIGNIFICANT;
    for (let j = i + 1; j <= chains.count && (j === i + 1 || chains.joined[j - 1] === 1); j++) {
      if (chains.offset[j] - dialled.from > longest) {
        break;
      }
      if (
        isClearOfCalendar(notation, i, j, false) &&
        isPhoneWindow(chains, i, j, dialled) &&
        !isQuantity(chains, chains.end[j - 1]) &&
        !isList(chains, i, j)
      ) {
        return chains.start[i];
      }
    }
  }
  return -1;
}
