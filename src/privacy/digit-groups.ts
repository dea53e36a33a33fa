/** A run of digits inside a candidate, with the offset just after it. */
export interface DigitGroup {
  digits: string;
  end: number;
}

/**
 * Splits a candidate such as `070-123 45 67` or `4111 1111 1111 1111` into digit groups.
 * Parsing stops at the first separator that is not one of `allowed` or longer than `maxSeparator`
 * characters, and after `maxGroups` groups, so a candidate never runs on across unrelated numbers and
 * callers that try every prefix stay linear in the length of the text.
 */
export function splitDigitGroups(
  candidate: string,
  allowed: RegExp,
  maxSeparator: number,
  maxGroups: number,
): DigitGroup[] {
  const groups: DigitGroup[] = [];
  let i = 0;
  // Past the end, isDigit(undefined) is false: the group search ends there without a length check of its own.
  while (groups.length < maxGroups) {
    let j = i;
    while (isDigit(candidate[j])) {
      j++;
    }
    if (j === i) {
      break;
    }
    groups.push({ digits: candidate.slice(i, j), end: j });
    let k = j;
    while (k < candidate.length && !isDigit(candidate[k])) {
      k++;
    }
    const separator = candidate.slice(j, k);
    if (separator.length > maxSeparator || !allowed.test(separator)) {
      break;
    }
    i = k;
  }
  return groups;
}

export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

export function joinDigits(groups: readonly DigitGroup[]): string {
  return groups.map((g) => g.digits).join('');
}
