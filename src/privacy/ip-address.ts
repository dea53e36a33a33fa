import { DigitChains, runLength } from './digit-chains';

// IPv4: four decimal octets read from the digit runs; version or section numbers made of single digits only
// (`2.1.4.3`) are left alone. IPv6: the hex-and-colon stretch around each ':', so text without colons costs nothing.

const DOT = 46;
const COLON = 58;
const OCTETS = 4;
/** `ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff`: a longer hex-and-colon stretch is no address. */
const MAX_IPV6 = 39;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u; // asked about one character

function isOctet(chains: DigitChains, k: number): boolean {
  const length = runLength(chains, k);
  const octet = chains.digits.slice(chains.offset[k], chains.offset[k + 1]);
  return Number(octet) <= 255 && (length === 1 || octet[0] !== '0');
}

function isDottedQuad(chains: DigitChains, i: number): boolean {
  if (chains.text.charCodeAt(chains.start[i] - 1) === DOT) {
    return false;
  }
  let longOctet = false;
  for (let k = i; k < i + OCTETS; k++) {
    if (k > i && !(chains.joined[k] === 1 && chains.separator[k] === DOT)) {
      return false;
    }
    if (!isOctet(chains, k)) {
      return false;
    }
    if (runLength(chains, k) > 1) {
      longOctet = true;
    }
  }
  const before = chains.text.charAt(chains.start[i] - 1);
  const after = chains.text.slice(chains.end[i + OCTETS - 1], chains.end[i + OCTETS - 1] + 2);
  const continues = LETTER_OR_DIGIT.test(after.slice(0, 1)) || /^\.\d/.test(after);
  return longOctet && !LETTER_OR_DIGIT.test(before) && !continues;
}

function isHexOrColon(text: string, i: number): boolean {
  const code = text.charCodeAt(i) | 32; // folds A-F to a-f; ':' and digits are unchanged
  return (code >= 48 && code <= 58) || (code >= 97 && code <= 102);
}

function isIpv6(candidate: string): boolean {
  const halves = candidate.split('::');
  if (halves.length > 2) {
    return false;
  }
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (groups.some((g) => g.length === 0 || g.length > 4)) {
    return false;
  }
  if (halves.length === 1) {
    return groups.length === 8;
  }
  // Compressed: at least two groups and some substance, so `a::b` or a clock time never match.
  return groups.length >= 2 && groups.length <= 7 && groups.join('').length >= 5;
}

function findIpv6(text: string): number {
  for (let colon = text.indexOf(':'); colon >= 0;) {
    let from = colon;
    while (from > 0 && isHexOrColon(text, from - 1)) {
      from--;
    }
    let to = colon;
    let colons = 0;
    while (to < text.length && isHexOrColon(text, to)) {
      if (text.charCodeAt(to++) === COLON) {
        colons++;
      }
    }
    const before = text.charAt(from - 1);
    const bounded = before !== '.' && !LETTER_OR_DIGIT.test(before) && !LETTER_OR_DIGIT.test(text.charAt(to));
    if (bounded && colons >= 2 && to - from <= MAX_IPV6 && isIpv6(text.slice(from, to))) {
      return from;
    }
    colon = text.indexOf(':', to);
  }
  return -1;
}

/** Index of the first IPv4 or IPv6 address, or -1. */
export function findIpAddress(chains: DigitChains): number {
  let v4 = -1;
  for (let i = 0; i + OCTETS <= chains.count && v4 < 0; i++) {
    if (isDottedQuad(chains, i)) {
      v4 = chains.start[i];
    }
  }
  const v6 = findIpv6(chains.text);
  return v4 < 0 || (v6 >= 0 && v6 < v4) ? v6 : v4;
}
