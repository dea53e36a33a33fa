// The one normalisation every detector reads, so that no spelling of a digit, dash or space hides an identifier:
// NFKC (full-width and mathematical digits, ＠, ．), every decimal digit of any script as its ASCII value, every dash,
// minus and hyphen as '-', invisible characters (format characters, combining marks, variation selectors, fillers)
// removed, and any run of white space or control characters as one space. One pass over the text with a table per
// code point, so a 1 MiB value costs milliseconds (bench/privacy-detector.ts).

// The soft hyphen (U+00AD) is invisible unless a line breaks there, so it is removed like the other format characters.
const DASH = /[\p{Pd}\u2043\u2212\u2796\ufe63]/u;
const INVISIBLE = /[\p{Cf}\p{Mn}\p{Me}\p{Default_Ignorable_Code_Point}]/u;
const SPACE = /[\s\p{Cc}]/u;
const DECIMAL_DIGIT = /\p{Nd}/u; // each of these regexes is only asked about one code point

// What a code point becomes: KEEP, REMOVE, or the char code it is replaced by (space, '-' or an ASCII digit).
// Decided once per code point with the Unicode property regexes, then read from a table.
const KEEP = 0;
const REMOVE = 1;
const SPACE_CODE = 32;
const DASH_CODE = 45;
const UNKNOWN = -1;
const bmpRoles = new Int16Array(0x10000).fill(UNKNOWN);
const astralRoles = new Map<number, number>();

// Unicode encodes decimal digits only in contiguous runs of whole 0–9 sequences (a stability policy, checked over
// every code point by the spec), so a digit's value is its distance from the start of its run, modulo 10.
function digitCode(codePoint: number): number {
  let runStart = codePoint;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(runStart - 1))) {
    runStart--;
  }
  return 48 + ((codePoint - runStart) % 10);
}

function roleOf(codePoint: number): number {
  const ch = String.fromCodePoint(codePoint);
  if (DECIMAL_DIGIT.test(ch)) {
    return digitCode(codePoint);
  }
  if (DASH.test(ch)) {
    return DASH_CODE;
  }
  if (INVISIBLE.test(ch)) {
    return REMOVE;
  } // before spaces: U+FEFF counts as white space in JavaScript
  return SPACE.test(ch) ? SPACE_CODE : KEEP;
}

function role(codePoint: number): number {
  if (codePoint < 0x10000) {
    if (bmpRoles[codePoint] === UNKNOWN) {
      bmpRoles[codePoint] = roleOf(codePoint);
    }
    return bmpRoles[codePoint];
  }
  let known = astralRoles.get(codePoint);
  if (known === undefined) {
    astralRoles.set(codePoint, (known = roleOf(codePoint)));
  }
  return known;
}

const UTF16 = new TextDecoder('utf-16le');

/** The text every detector scans; only ever used for detection, never stored or shown. */
export function normaliseForDetection(text: string): string {
  const folded = text.normalize('NFKC'); // about 1.5 ms per MiB of ASCII, which is its own NFKC form
  const out = new Uint16Array(folded.length);
  let length = 0;
  let afterSpace = false;
  for (let i = 0; i < folded.length; i++) {
    const unit = folded.charCodeAt(i);
    if (unit > SPACE_CODE && unit < 0x7f) {
      out[length++] = unit;
      afterSpace = false;
      continue;
    }
    const codePoint = folded.codePointAt(i) as number;
    const becomes = role(codePoint);
    if (becomes === SPACE_CODE) {
      if (!afterSpace) {
        out[length++] = SPACE_CODE;
      }
      afterSpace = true;
    } else if (becomes === KEEP) {
      out[length++] = unit;
      afterSpace = false;
    } else if (becomes !== REMOVE) {
      out[length++] = becomes;
      afterSpace = false;
    }
    if (codePoint > 0xffff) {
      if (becomes === KEEP) {
        out[length++] = folded.charCodeAt(i + 1);
      }
      i++;
    }
  }
  return UTF16.decode(out.subarray(0, length));
}

/** Decoding rounds before a value that still changes (`%25252525…`) is given up as undecodable. */
const MAX_DECODING_ROUNDS = 8;
const PERCENT_ESCAPES = /(?:%[0-9A-Fa-f]{2})+/g;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeEscapes(run: string): string {
  const bytes = new Uint8Array(run.length / 3);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = parseInt(run.slice(3 * i + 1, 3 * i + 3), 16);
  }
  return UTF8.decode(bytes); // throws on bytes that are not UTF-8
}

/**
 * Percent-decodes until the text no longer changes (`%2534` → `%34` → `4`). A `%` not followed by two hex digits
 * is kept as it is. Null when an escape sequence is not UTF-8 or the text still changes after the last round.
 */
export function decodeUrlText(text: string): string | null {
  let current = text;
  for (let round = 0; round < MAX_DECODING_ROUNDS; round++) {
    let decoded: string;
    try {
      decoded = current.replace(PERCENT_ESCAPES, decodeEscapes);
    } catch {
      return null;
    }
    if (decoded === current) {
      return current;
    }
    current = decoded;
  }
  return null;
}
