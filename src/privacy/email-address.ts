// E-mail addresses, also with the usual spellings of '@' and '.' that keep them from being links:
// `anna (at) example.se`, `anna(a)example.se`, `anna at example dot se`, `anna{at}example[punkt]se`, `anna -at- x.se`,
// `anna%40example.se`, `anna&#64;example.se`, `anna snabel-a example.se`, `anna @ example . se`, `anna@example。se`. Each '@' is read outwards (at most 64 characters of local part,
// 255 of domain, stopping at the next '@'), so the search is linear however many '@' the text holds.

const AT_SPELLINGS =
  / ?[([{<] ?(?:at|a|snabel[- ]?a|@) ?[)\]}>] ?| (?:at|snabel[- ]?a) | ?[-#_*]at[-#_*] ?| ?(?:%40|&#0*64;|&commat;) ?| @ ?|@ /giu;
const DOT_SPELLINGS =
  / ?[([{<] ?(?:dot|punkt|\.) ?[)\]}>] ?| (?:dot|punkt) | \. |[-#_*]dot[-#_*]|%2e|&#0*46;|&period;|。/giu;

const MAX_LOCAL_PART = 64;
const MAX_DOMAIN = 255;
const NON_ASCII_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const NON_ASCII_LETTER = /\p{L}/u;

function isAsciiLetter(code: number): boolean {
  return (code | 32) >= 97 && (code | 32) <= 122;
}

function isLetterOrDigit(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) {
    return isAsciiLetter(code) || (code >= 48 && code <= 57);
  }
  return NON_ASCII_LETTER_OR_DIGIT.test(text[i]);
}

function isLetter(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code < 128 ? isAsciiLetter(code) : NON_ASCII_LETTER.test(text[i]);
}

function isLocalPartChar(text: string, i: number): boolean {
  const ch = text[i];
  return ch === '.' || ch === '_' || ch === '%' || ch === '+' || ch === '-' || isLetterOrDigit(text, i);
}

/** Start of the local part ending just before `at`, or -1. */
function localPartStart(text: string, at: number): number {
  let start = at;
  while (start > 0 && at - start <= MAX_LOCAL_PART && isLocalPartChar(text, start - 1)) {
    start--;
  }
  if (at - start > MAX_LOCAL_PART) {
    return -1;
  }
  while (start < at && text[start] === '.') {
    start++;
  }
  return start === at ? -1 : start;
}

/** Whether a domain of two or more labels, the last of 2–24 letters, follows `at`. */
function hasDomainAfter(text: string, at: number): boolean {
  const limit = Math.min(text.length, at + 1 + MAX_DOMAIN);
  let i = at + 1;
  let labels = 0;
  while (i < limit) {
    const labelStart = i;
    let lettersOnly = true;
    while (i < limit && (text[i] === '-' || isLetterOrDigit(text, i))) {
      if (!isLetter(text, i)) {
        lettersOnly = false;
      }
      i++;
    }
    const length = i - labelStart;
    if (length === 0 || text[labelStart] === '-' || text[i - 1] === '-') {
      return false;
    }
    labels++;
    if (labels >= 2 && lettersOnly && length >= 2 && length <= 24) {
      return true;
    }
    if (text[i] !== '.') {
      return false;
    }
    i++;
  }
  return false;
}

/** Index of the first e-mail address in the normalised text, or -1. */
export function findEmailAddress(text: string): number {
  const spelled = text.replace(AT_SPELLINGS, '@').replace(DOT_SPELLINGS, '.');
  for (let at = spelled.indexOf('@'); at >= 0; at = spelled.indexOf('@', at + 1)) {
    const start = localPartStart(spelled, at);
    if (start >= 0 && hasDomainAfter(spelled, at)) {
      return start;
    }
  }
  return -1;
}
