// Four decimal octets; version or section numbers made of single digits only (`2.1.4.3`) are left alone.
const IPV4 = /(?<![\p{L}\p{N}.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\p{L}\p{N}]|\.\d)/gu;
const IPV6_CANDIDATE = /(?<![\p{L}\p{N}:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\p{L}\p{N}:])/gu;

function isIpv4(m: RegExpExecArray): boolean {
  const octets = m.slice(1, 5);
  const valid = octets.every((o) => Number(o) <= 255 && (o.length === 1 || o[0] !== '0'));
  return valid && octets.some((o) => o.length > 1);
}

function isIpv6(candidate: string): boolean {
  const halves = candidate.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (groups.some((g) => g.length === 0 || g.length > 4)) return false;
  if (halves.length === 1) return groups.length === 8;
  // Compressed: at least two groups and some substance, so `a::b` or a clock time never match.
  return groups.length >= 2 && groups.length <= 7 && groups.join('').length >= 5;
}

function firstMatch(re: RegExp, text: string, accept: (m: RegExpExecArray) => boolean): number {
  for (const m of text.matchAll(re)) {
    if (accept(m)) return m.index;
  }
  return -1;
}

/** Index of the first IPv4 or IPv6 address, or -1. */
export function findIpAddress(text: string): number {
  const v4 = firstMatch(IPV4, text, isIpv4);
  const v6 = firstMatch(IPV6_CANDIDATE, text, (m) => isIpv6(m[0]));
  return v4 < 0 || (v6 >= 0 && v6 < v4) ? v6 : v4;
}
