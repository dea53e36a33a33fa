import { CalendarNotation, isClearOfCalendar } from './calendar-notation';
import { DigitChains, runLength } from './digit-chains';

// Phone numbers among the digit runs, whatever separates them (`070.123.45.67`, `070_1234567`) and whatever they
// are glued to (`Ring0701234567`): national `0…`, `+46`/`0046` with an optional `(0)`, `46` without a plus, and other
// countries after `+` or `00`. National and `46` numbers must be grouped as people write them, so that lists of
// municipality codes (`0180 1480 0181`), postcodes and amounts are not read as one number.

const PLUS = 43;
const ZERO = 48;

/** A number followed by a unit is an amount or a count, not a phone number (`+12 500 000 kr`). */
const UNIT_AFTER = /^ ?(?:kr\b|kronor|sek\b|eur\b|€|%|procent|:-|st\b|ggr\b)/iu;
const DECIMAL_AFTER = /^[.,]\d/;

/** `00` + at most 15 digits (E.164) is the longest number tried. */
const MAX_DIGITS = 17;

// Freephone (020), shared-cost (077x) and premium-rate (0900, 0939, 0944) numbers belong to services such as
// Kvinnofridslinjen 020-50 50 50, never to a person: routines may name them.
const SERVICE_NUMBER = /^(?:20|77|900|939|944)/;

/** Swedish national significant number: 7–9 digits without the trunk 0; mobile (7x) numbers have 9. */
function isSwedishSignificantNumber(nsn: string): boolean {
  if (nsn.length < 7 || nsn.length > 9 || nsn[0] === '0' || SERVICE_NUMBER.test(nsn)) return false;
  return nsn[0] !== '7' || nsn.length === 9;
}

/**
 * Run lengths of a national number, trunk 0 included: one unbroken run (`0701234567`), one digit per run for a
 * mobile number (`0 7 0 1 2 3 4 5 6 7`), or an area code of 2–4 digits followed by the subscriber number as one run
 * of 5–8 digits (`070-1234567`) or in groups of 2–3 digits, where the last group (and the first of three or more)
 * may have 4 (`08-123 456 78`, `031-12 34 56`, `070 123 4567`).
 */
function isNationalShape(lengths: readonly number[]): boolean {
  if (lengths.length === 1) return true;
  if (lengths.every((len) => len === 1)) return lengths.length === 10;
  const area = lengths[0];
  if (area < 2 || area > 4) return false;
  const subscriber = lengths.slice(1);
  if (subscriber.length === 1) return subscriber[0] >= 5 && subscriber[0] <= 8;
  return subscriber.every((len, i) => {
    const edge = subscriber.length >= 3 && (i === 0 || i === subscriber.length - 1);
    const lastOfTwo = subscriber.length === 2 && i === 1;
    return len >= 2 && len <= (edge || lastOfTwo ? 4 : 3);
  });
}

type Prefix = 'national' | 'sweden-bare' | 'sweden' | 'foreign';

interface Dialling {
  prefix: Prefix;
  /** Digits before the national significant number (or, abroad, before the country code). */
  skip: number;
}

function hasPlusBefore(chains: DigitChains, i: number): boolean {
  let k = chains.start[i] - 1;
  if (chains.text[k] === ' ' || chains.text[k] === '(') k--;
  return chains.text.charCodeAt(k) === PLUS;
}

/** How the number starting at run i is dialled, from its first digits, or null when no phone number starts there. */
function dialling(chains: DigitChains, i: number): Dialling | null {
  const digits = chains.digits;
  const at = chains.offset[i];
  const sweden = digits.startsWith('46', at);
  if (hasPlusBefore(chains, i)) return sweden ? { prefix: 'sweden', skip: 2 } : { prefix: 'foreign', skip: 0 };
  if (digits.startsWith('0046', at)) return { prefix: 'sweden', skip: 4 };
  if (digits.startsWith('00', at)) return { prefix: 'foreign', skip: 2 };
  if (digits.charCodeAt(at) === ZERO) return { prefix: 'national', skip: 1 };
  return sweden ? { prefix: 'sweden-bare', skip: 2 } : null;
}

/** Run lengths of runs i..j-1 as a national number: a country code of `dropped` digits becomes the trunk 0. */
function nationalLengths(chains: DigitChains, i: number, j: number, dropped: number): number[] {
  const lengths: number[] = [];
  let drop = dropped;
  for (let k = i; k < j; k++) {
    const len = runLength(chains, k) - drop;
    drop = Math.max(0, -len);
    if (len > 0) lengths.push(len);
  }
  if (dropped > 0) lengths[0] += 1;
  return lengths;
}

function isPhoneWindow(chains: DigitChains, i: number, j: number, dial: Dialling): boolean {
  const from = chains.offset[i];
  let nsnFrom = from + dial.skip;
  // `+46 (0)8 …`: a trunk 0 written as a run of its own after the country code is not dialled.
  const trunk = dial.prefix !== 'national' && dial.prefix !== 'foreign' && chains.digits.startsWith('0', nsnFrom);
  if (trunk) nsnFrom++;
  const number = chains.digits.slice(nsnFrom, chains.offset[j]);
  if (dial.prefix === 'foreign') return number[0] !== '0' && number.length >= 8 + (dial.skip === 2 ? 1 : 0) && number.length <= 15;
  if (!isSwedishSignificantNumber(number)) return false;
  if (dial.prefix === 'sweden') return true;
  return isNationalShape(nationalLengths(chains, i, j, dial.prefix === 'national' ? 0 : nsnFrom - from));
}

function isQuantity(chains: DigitChains, end: number): boolean {
  const rest = chains.text.slice(end, end + 12);
  return UNIT_AFTER.test(rest) || DECIMAL_AFTER.test(rest);
}

/** Index of the first Swedish or international phone number, or -1. */
export function findPhoneNumber(chains: DigitChains, notation: CalendarNotation): number {
  for (let i = 0; i < chains.count; i++) {
    const dial = dialling(chains, i);
    if (dial === null) continue;
    for (let j = i + 1; j <= chains.count && (j === i + 1 || chains.joined[j - 1] === 1); j++) {
      if (chains.offset[j] - chains.offset[i] > MAX_DIGITS) break;
      if (isPhoneWindow(chains, i, j, dial) && isClearOfCalendar(notation, i, j, false) && !isQuantity(chains, chains.end[j - 1])) {
        return chains.start[i];
      }
    }
  }
  return -1;
}
