import { readDigitChains } from './digit-chains';
import { findBankAccount, findIban, findPaymentCard } from './financial-identifiers';
import { eachCase } from '../../test/support/each-case';

// The financial detectors on their own, each boundary with the nearest value on the other side of it.

describe('findIban', () => {
  it('checks the length of a known country and the 15–34 characters of any other', () =>
    eachCase(
      [
        ['SE4550000000058398257466', 0],
        ['SE09500000000000000000', -1], // mod 97 holds, but a Swedish IBAN has 24 characters, not 22
        ['XK4712345678901', 0], // 15 characters, the shortest
        ['XK83123456789012345678901234567890', 0], // 34 characters, the longest
        ['XK0812345678901234567890123456789', 0],
      ],
      (text, index) => {
        expect(findIban(text)).toBe(index);
      },
    ));
});

describe('findPaymentCard', () => {
  const find = (text: string): number => findPaymentCard(readDigitChains(text));

  it('finds the groupings a card is written in', () =>
    eachCase(
      [
        ['4111111111111111110', 0], // 19 digits unbroken
        ['4111 1111 1111 1111 110', 0], // 19 digits in five groups
        ['4111 1111 1111 9', 0], // groups of four with a last group of one
        ['3400 000000 00009', 0], // American Express 4-6-5 (Luhn valid below)
        ['ärende 12, 4111 1111 1111 1111', 11],
        ['a 1 b 2 c 3 4111 1111 1111 1111', 12],
        ['2300 0000 0000 0003', 0],
        ['5100 0000 0000 0008', 0],
      ],
      (text, index) => {
        expect(find(text)).toBe(index);
      },
    ));

  it('passes groupings that are valid by length but not by shape', () =>
    eachCase(
      [
        '4111 111111 111111', // 4-6-6
        '4111 1111111 11111', // 4-7-5
        '4111 111111 11111 1110', // 4-6-5-4
        '4111 1111 1111 1111110', // 4-4-4-7
        '4111 1111 1111 x 1111', // a word between groups
      ],
      (text) => {
        expect(find(text)).toBe(-1);
      },
    ));

  it('passes Luhn-valid numbers with the wrong prefix or length', () =>
    eachCase(
      [
        '2800000000000008', // 28 is no Mastercard range
        '2730000000000003', // 273 is no Mastercard range
        '5100000000003', // Mastercard has 16 digits
        '634000000000004', // 15 digits but no American Express prefix
        '3400000000000000', // American Express has 15 digits
      ],
      (text) => {
        expect(find(text)).toBe(-1);
      },
    ));
});

describe('findBankAccount', () => {
  it('finds', () =>
    eachCase(
      [
        ['till PG 1234566', 5],
        ['PG.nr 1234566', 0],
        ['PG : 1234566', 0],
        ['PG:1234566', 0],
        ['PG 1234566 12', 0], // the whole candidate has too many digits, its first group alone is the number
        ['bankkontonr 1234567', 0],
        ['bankkonto nr 1234567', 0],
        ['kontonummer:1234567', 0],
        ['kontonummer : 1234567', 0],
        ['kontonummer 8327,1234567', 0],
        ['kontonummer 8327, 1234567', 0],
        ['kontonummer 1234 5678901 2345 6789', 0], // 19 digits in all, 15 in the first three groups
      ],
      (text, index) => {
        expect(findBankAccount(text)).toBe(index);
      },
    ));

  it('passes a separator that is not one of the allowed ones', () =>
    eachCase(['kontonummer 1234- 5678', 'kontonummer 1234 -5678', 'kontonummer 1234,,5678'], (text) => {
      expect(findBankAccount(text)).toBe(-1);
    }));
});
