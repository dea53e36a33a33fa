// Identity and phone numbers are found on the digit runs of the normalised text, whatever separates or surrounds
// them: a run continues the one before it across a short separator without letters or digits (`811228.9874`,
// `8 1 1 2 2 8 - 9 8 7 4`, `p850312_2387`), and letters around the runs do not matter (`pnr1940…`, `Ring070…`).
// One pass over the text into typed arrays; the detectors then try windows of at most 15 digits per run, so the
// whole search is linear in the length of the text.

/** The longest separator that still joins two runs (`811228 -- 9874`; white space is already collapsed), and the
 * most characters other than spaces in it (`811228 / 9874`, `811228.-9874`). */
export const MAX_SEPARATOR = 5;
export const MAX_SEPARATOR_MARKS = 3;

export interface DigitChains {
  readonly text: string;
  /** Every digit of the text, in order: the digits of runs i..j-1 are `digits.slice(offset[i], offset[j])`. */
  readonly digits: string;
  readonly count: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly offset: Int32Array;
  /** 1 when run i continues run i-1. */
  readonly joined: Uint8Array;
  /** The separator before run i when it is one character (its char code), else 0. */
  readonly separator: Uint16Array;
  /** 1 when the separator before run i contains a space. */
  readonly spaced: Uint8Array;
  /** The first run of the chain run i belongs to: runs i..j-1 are consecutive when `chain[j - 1] <= i`. */
  readonly chain: Int32Array;
  /** For each offset in `digits`, the run that ends there, or -1. */
  readonly endingAt: Int32Array;
}

const ASCII = new TextDecoder('latin1');
const NON_ASCII_ALPHANUMERIC = /[\p{L}\p{N}]/u;

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isAlphanumericCode(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) {
    return isDigitCode(code) || ((code | 32) >= 97 && (code | 32) <= 122);
  }
  return NON_ASCII_ALPHANUMERIC.test(text[i]);
}

/** Splits the normalised text into runs of ASCII digits and records how each run is separated from the one before. */
export function readDigitChains(text: string): DigitChains {
  const capacity = (text.length >> 1) + 1;
  const start = new Int32Array(capacity);
  const end = new Int32Array(capacity);
  const offset = new Int32Array(capacity + 1);
  const joined = new Uint8Array(capacity);
  const separator = new Uint16Array(capacity);
  const spaced = new Uint8Array(capacity);
  const chain = new Int32Array(capacity);
  const digits = new Uint8Array(text.length);
  let count = 0;
  let i = 0;
  while (i < text.length) {
    if (!isDigitCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && isDigitCode(text.charCodeAt(j))) {
      digits[offset[count] + j - i] = text.charCodeAt(j++);
    }
    if (count > 0) {
      const gap = i - end[count - 1];
      if (gap <= MAX_SEPARATOR) {
        let letters = false;
        let spaces = 0;
        for (let k = end[count - 1]; k < i; k++) {
          if (isAlphanumericCode(text, k)) {
            letters = true;
          }
          if (text.charCodeAt(k) === 32) {
            spaces++;
          }
        }
        spaced[count] = spaces > 0 ? 1 : 0;
        joined[count] = letters || gap - spaces > MAX_SEPARATOR_MARKS ? 0 : 1;
        if (gap === 1) {
          separator[count] = text.charCodeAt(i - 1);
        }
      }
    }
    chain[count] = joined[count] === 1 ? chain[count - 1] : count;
    start[count] = i;
    end[count] = j;
    offset[count + 1] = offset[count] + j - i;
    count++;
    i = j;
  }
  const endingAt = new Int32Array(offset[count] + 1).fill(-1);
  for (let k = 0; k < count; k++) {
    endingAt[offset[k + 1]] = k;
  }
  const digitText = ASCII.decode(digits.subarray(0, offset[count]));
  return { text, digits: digitText, count, start, end, offset, joined, separator, spaced, chain, endingAt };
}

/** Number of digits in run i. */
export function runLength(chains: DigitChains, i: number): number {
  return chains.offset[i + 1] - chains.offset[i];
}

/** The end (exclusive) of the consecutive runs from run i that hold exactly `length` digits, or -1. */
export function windowOf(chains: DigitChains, i: number, length: number): number {
  const last = chains.endingAt[chains.offset[i] + length] ?? -1;
  return last >= i && chains.chain[last] <= i ? last + 1 : -1;
}

/** Digits of runs i..j-1. */
export function windowDigits(chains: DigitChains, i: number, j: number): string {
  return chains.digits.slice(chains.offset[i], chains.offset[j]);
}
