import { DigitChains, runLength } from './digit-chains';

// Case notes are full of dates and clock times, and a date followed by a time or by another date has the digits
// of an identity number (`2024-03-15 10:30` → 202403151030, `2026-12-01–2026-12-15` → 20261201 2026). Runs that
// form a written date or clock time are marked, and a window may not take part of one. What that costs: an identity
// number whose serial is written as a clock time after a space (`811228 08:40`) is not found.

export interface CalendarNotation {
  /** 1 when run i is part of a clock time (`10:30`, `9.05`, `14:30:00`). */
  readonly time: Uint8Array;
  /** For a run inside a written date, the index of the date's first run, else -1. */
  readonly dateStart: Int32Array;
  /** For a run inside a written date, the index after the date's last run. */
  readonly dateEnd: Int32Array;
  /** 1 when the date starting at run i is written year first with four, two and two digits (`2024-03-15`). */
  readonly isoDate: Uint8Array;
}

const COLON = 58;
const DOT = 46;
const DASH = 45;
const SLASH = 47;
const CALENDAR_SEPARATORS = new Set([COLON, DOT, DASH, SLASH]);

/** The number run i spells; only asked of runs of at most four digits (their length is checked first). */
function value(chains: DigitChains, i: number): number {
  let n = 0;
  for (let k = chains.offset[i]; k < chains.offset[i + 1]; k++) {
    n = n * 10 + chains.digits.charCodeAt(k) - 48;
  }
  return n;
}

function isMonth(chains: DigitChains, i: number): boolean {
  return runLength(chains, i) <= 2 && value(chains, i) >= 1 && value(chains, i) <= 12;
}

function isDay(chains: DigitChains, i: number): boolean {
  return runLength(chains, i) <= 2 && value(chains, i) >= 1 && value(chains, i) <= 31;
}

function isYear(chains: DigitChains, i: number): boolean {
  return runLength(chains, i) === 4 && value(chains, i) >= 1900 && value(chains, i) <= 2099;
}

function isYearFirst(chains: DigitChains, i: number): boolean {
  return isYear(chains, i) && isMonth(chains, i + 1) && isDay(chains, i + 2);
}

/** `15.03.24`, `15/3/2024`, `15-03-2024`; with dashes only with the year in full, as `81-12-28` is how an identity number's date is written. */
function isDayFirst(chains: DigitChains, i: number, separator: number): boolean {
  const shortYear = separator !== DASH && runLength(chains, i + 2) === 2;
  return isDay(chains, i) && isMonth(chains, i + 1) && (shortYear || isYear(chains, i + 2));
}

function isClockTime(chains: DigitChains, i: number, runs: number): boolean {
  if (runLength(chains, i) > 2 || value(chains, i) > 23) {
    return false;
  }
  for (let k = i + 1; k < i + runs; k++) {
    if (runLength(chains, k) !== 2 || value(chains, k) > 59) {
      return false;
    }
  }
  return true;
}

function markDate(notation: CalendarNotation, from: number, to: number, iso: boolean): void {
  for (let k = from; k < to; k++) {
    notation.dateStart[k] = from;
    notation.dateEnd[k] = to;
  }
  notation.isoDate[from] = iso ? 1 : 0;
}

/** A sequence of runs joined by one and the same one-character separator. */
function classify(chains: DigitChains, notation: CalendarNotation, from: number, to: number, separator: number): void {
  const runs = to - from;
  if (separator === COLON || separator === DOT) {
    // A time after a space, at the start or after another time (`10:30-11:00`); `811228-09:41` is no time.
    const free = chains.joined[from] === 0 || chains.spaced[from] === 1 || notation.time[from - 1] === 1;
    if (free && (runs === 2 || runs === 3) && isClockTime(chains, from, runs)) {
      notation.time.fill(1, from, to);
    }
  }
  if (separator === DASH || separator === SLASH || separator === DOT) {
    // One date, or a range of dates written year first: 2026-12-01-2026-12-15 after the en dash became '-'.
    let isoDates = runs % 3 === 0;
    for (let k = from; isoDates && k < to; k += 3) {
      isoDates = isYearFirst(chains, k);
    }
    if (isoDates) {
      for (let k = from; k < to; k += 3) {
        markDate(notation, k, k + 3, runLength(chains, k + 1) === 2 && runLength(chains, k + 2) === 2);
      }
    } else if (runs === 3 && isDayFirst(chains, from, separator)) {
      markDate(notation, from, to, false);
    } else if (runs === 2 && separator === SLASH && isDay(chains, from) && isMonth(chains, from + 1)) {
      markDate(notation, from, to, false);
    }
  }
}

export function readCalendarNotation(chains: DigitChains): CalendarNotation {
  const notation: CalendarNotation = {
    time: new Uint8Array(chains.count),
    dateStart: new Int32Array(chains.count).fill(-1),
    dateEnd: new Int32Array(chains.count),
    isoDate: new Uint8Array(chains.count),
  };
  // Sequences of runs joined by one calendar separator; neighbouring sequences share their boundary run
  // (`15-10:30`: the '-' sequence ends with 10 and the ':' sequence starts with it).
  let from = 0;
  let current = 0;
  for (let i = 1; i <= chains.count; i++) {
    const separator =
      i < chains.count && chains.joined[i] === 1 && CALENDAR_SEPARATORS.has(chains.separator[i])
        ? chains.separator[i]
        : 0;
    if (separator === current && separator !== 0) {
      continue;
    }
    if (current !== 0) {
      classify(chains, notation, from, i, current);
    }
    from = i - 1;
    current = separator;
  }
  return notation;
}

/**
 * Whether runs i..j-1 take no part of a clock time or a written date. A 12-digit identity number may begin with a
 * whole date written year first (`1940-01-15 0988`): that is how its date is written.
 */
export function isClearOfCalendar(notation: CalendarNotation, i: number, j: number, birthDateFirst: boolean): boolean {
  for (let k = i; k < j; k++) {
    if (notation.time[k] === 1) {
      return false;
    }
    const date = notation.dateStart[k];
    if (date >= 0 && !(birthDateFirst && date === i && notation.isoDate[date] === 1 && notation.dateEnd[k] <= j)) {
      return false;
    }
  }
  return true;
}
