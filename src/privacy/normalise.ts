// The one normalisation every detector reads, so that no spelling of a digit, dash or space hides an identifier:
// NFKC (full-width and mathematical digits, ＠, ．), every decimal digit of any script as its ASCII value, every dash,
// minus and hyphen as '-', invisible characters (format characters, combining marks, variation selectors, fillers)
// removed, and any run of white space or control characters as one space. Each step is one native regex pass, so a
// 1 MiB value costs a few milliseconds (see bench/privacy-detector.ts).

// The soft hyphen (U+00AD) is invisible unless a line breaks there, so it is removed like the other format characters.
const DASHES = /[\p{Pd}\u2043\u2212\u2796\ufe63]/gu;
const INVISIBLE = /[\p{Cf}\p{Mn}\p{Me}\p{Default_Ignorable_Code_Point}]+/gu;
const SPACES = /[\s\p{Cc}]+/gu;
const OTHER_SCRIPT_DIGITS = /[^\P{Nd}0-9]+/gu;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

const digitValues = new Map<number, string>();

// Unicode encodes decimal digits only in contiguous runs of whole 0–9 sequences (a stability policy, checked over
// every code point by the spec), so a digit's value is its distance from the start of its run, modulo 10.
function digitValue(codePoint: number): string {
  let value = digitValues.get(codePoint);
  if (value === undefined) {
    let runStart = codePoint;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(runStart - 1))) runStart--;
    value = String((codePoint - runStart) % 10);
    digitValues.set(codePoint, value);
  }
  return value;
}

function asciiDigits(run: string): string {
  let out = '';
  for (const ch of run) out += digitValue(ch.codePointAt(0) as number);
  return out;
}

/** The text every detector scans; only ever used for detection, never stored or shown. */
export function normaliseForDetection(text: string): string {
  return text
    .normalize('NFKC')
    .replace(DASHES, '-')
    .replace(INVISIBLE, '')
    .replace(SPACES, ' ')
    .replace(OTHER_SCRIPT_DIGITS, asciiDigits);
}

/** Decoding rounds before a value that still changes (`%25252525…`) is given up as undecodable. */
const MAX_DECODING_ROUNDS = 8;
const PERCENT_ESCAPES = /(?:%[0-9A-Fa-f]{2})+/g;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeEscapes(run: string): string {
  const bytes = new Uint8Array(run.length / 3);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(3 * i + 1, 3 * i + 3), 16);
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
    if (decoded === current) return current;
    current = decoded;
  }
  return null;
}
