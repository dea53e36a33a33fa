import { DigitGroup, isDigit, joinDigits, splitDigitGroups } from './digit-groups';

// A number starting with '+', '00' or a trunk '0' (optionally '(0'), with spaces, dashes and
// parentheses between digits. It may not continue a word, a number or a date such as `2024-03-15`.
// Captured inside a lookahead and bounded, so that every start is tried (`plan 0 070-…`) in linear time.
const CANDIDATE = /(?<![\p{L}\p{N}_+])(?<!\d[-.,/:])(?=((?:\+(?=\d)|\(?0)[\d \u00a0()-]{0,30}))/gu;

// Between digit groups: spaces and parentheses, at most one dash (`070 - 123 45 67`, `(08) 123`).
const SEPARATOR = /^[ \u00a0()]*-?[ \u00a0()]*$/;
// A number followed by a unit is an amount or a count, not a phone number (`+12 500 000 kr`).
const UNIT_AFTER = /^[ \u00a0]?(?:kr\b|kronor|sek\b|eur\b|€|%|procent|:-|st\b|ggr\b)/iu;

const SWEDEN = '46';
/** More groups than `+46 (0)8 12 34 56 78` has are never one phone number. */
const MAX_GROUPS = 7;

// Freephone (020), shared-cost (077x) and premium-rate (0900, 0939, 0944) numbers belong to services such as
// Kvinnofridslinjen 020-50 50 50, never to a person: routines may name them.
const SERVICE_NUMBER = /^(?:20|77|900|939|944)/;

/** Swedish national significant number: 7–9 digits without the trunk 0; mobile (7x) numbers have 9. */
function isSwedishSignificantNumber(nsn: string): boolean {
  if (nsn.length < 7 || nsn.length > 9 || nsn[0] === '0' || SERVICE_NUMBER.test(nsn)) return false;
  return nsn[0] !== '7' || nsn.length === 9;
}

function internationalLength(body: string, viaDoubleZero: boolean): number | null {
  // `+46 (0)8 …`: the trunk zero in parentheses is not dialled; blank it out, keeping offsets.
  const groups = splitDigitGroups(body.replace(/\(0\)/g, '   '), SEPARATOR, 6, MAX_GROUPS);
  for (let k = groups.length; k >= 1; k--) {
    const digits = joinDigits(groups.slice(0, k));
    if (digits[0] === '0') return null;
    const ok = digits.startsWith(SWEDEN)
      ? isSwedishSignificantNumber(digits.slice(SWEDEN.length))
      : digits.length >= (viaDoubleZero ? 9 : 8) && digits.length <= 15; // E.164: at most 15 digits
    if (ok) return groups[k - 1].end;
  }
  return null;
}

/**
 * National form `0…`: either one unbroken run (`0701234567`), or an area code of 2–4 digits followed by
 * the subscriber number as one run of 5–8 digits (`070-1234567`) or in groups of 2–3 digits, where the
 * last group (and the first of three or more) may have 4 (`08-123 456 78`, `031-12 34 56`, `070 123 4567`).
 * Lists of municipality codes (`0180 1480 0181`) do not fit these shapes.
 */
function nationalShapeOk(groups: readonly DigitGroup[]): boolean {
  const digits = joinDigits(groups);
  if (!isSwedishSignificantNumber(digits.slice(1))) return false;
  if (groups.length === 1) return true;
  const area = groups[0].digits.length;
  if (area < 2 || area > 4) return false;
  const subscriber = groups.slice(1).map((g) => g.digits.length);
  if (subscriber.length === 1) return subscriber[0] >= 5 && subscriber[0] <= 8;
  return subscriber.every((len, i) => {
    const edge = subscriber.length >= 3 && (i === 0 || i === subscriber.length - 1);
    const lastOfTwo = subscriber.length === 2 && i === 1;
    return len >= 2 && len <= (edge || lastOfTwo ? 4 : 3);
  });
}

function nationalLength(body: string): number | null {
  const groups = splitDigitGroups(body, SEPARATOR, 3, MAX_GROUPS);
  for (let k = groups.length; k >= 1; k--) {
    if (nationalShapeOk(groups.slice(0, k))) return groups[k - 1].end;
  }
  return null;
}

/** Length of the phone number at the start of `candidate`, or null if it is not one. */
function phoneLength(candidate: string): number | null {
  if (candidate.startsWith('+')) return offsetBy(1, internationalLength(candidate.slice(1), false));
  const offset = candidate.startsWith('(') ? 1 : 0; // `(08) 123 45 67`
  const body = candidate.slice(offset);
  const len = body.startsWith('00') ? offsetBy(2, internationalLength(body.slice(2), true)) : nationalLength(body);
  return offsetBy(offset, len);
}

function offsetBy(offset: number, len: number | null): number | null {
  return len === null ? null : len + offset;
}

function looksLikeQuantity(rest: string): boolean {
  return UNIT_AFTER.test(rest) || (/^[.,]/.test(rest) && isDigit(rest[1]));
}

/** Index of the first Swedish or international phone number in `text`, or -1. */
export function findPhoneNumber(text: string): number {
  for (const m of text.matchAll(CANDIDATE)) {
    const len = phoneLength(m[1]);
    if (len === null) continue;
    const end = m.index + len;
    // The bounded candidate may have cut a longer digit run: such a run is not a phone number.
    if (!isDigit(text[end]) && !looksLikeQuantity(text.slice(end, end + 12))) return m.index;
  }
  return -1;
}
