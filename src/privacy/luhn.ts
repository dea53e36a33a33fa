/**
 * Luhn (mod 10) check over the digits `digits[from, to)`, whose last digit is the check digit; false when that range
 * is empty or holds anything but ASCII digits. Used by Swedish identity numbers, payment cards and bankgiro/plusgiro.
 */
export function isLuhnValid(digits: string, from = 0, to = digits.length): boolean {
  if (to <= from) {
    return false;
  }
  let sum = 0;
  for (let i = to - 1, doubled = false; i >= from; i--, doubled = !doubled) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) {
      return false;
    }
    if (doubled) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The check digit that makes `payload + digit` Luhn-valid. */
export function luhnCheckDigit(payload: string): number {
  for (let d = 0; d <= 9; d++) {
    if (isLuhnValid(payload + String(d))) {
      return d;
    }
  }
  throw new Error('unreachable: one Luhn check digit always exists');
}
