/**
 * The one normal form of a staff e-mail address, used for storing, looking up, comparing and throttling alike:
 * Unicode NFKC (full-width and compatibility letters become their plain forms), surrounding space trimmed, then
 * lower-cased by the locale-independent Unicode mapping. That mapping turns `İ` (U+0130) into `i` followed by a
 * combining dot above; the dot is dropped, so `İngrid` and `ingrid` are the same address, as a Turkish keyboard
 * user means them to be.
 */
export function normalizeEmail(raw: string): string {
  return raw
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/i\u0307/g, 'i')
    .normalize('NFC');
}

/**
 * Stored addresses are ASCII (internationalised domains in their `xn--` form): letters from other scripts that
 * look like Latin ones (Cyrillic `а`, Greek `ο`) could otherwise make a second account that reads as someone else's.
 */
export const isAsciiEmail = (normalized: string): boolean => /^[\x21-\x7e]+$/.test(normalized);
