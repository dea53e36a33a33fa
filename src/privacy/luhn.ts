/**
 * Luhn (mod 10) check over a string of digits whose last digit is the check digit.
 * Used by Swedish identity numbers, payment cards and bankgiro/plusgiro numbers.
 */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The check digit that makes `payload + digit` Luhn-valid. */
export function luhnCheckDigit(payload: string): number {
  for (let d = 0; d <= 9; d++) {
    if (isLuhnValid(payload + String(d))) return d;
  }
  throw new Error('unreachable: one Luhn check digit always exists');
}
