import { isLuhnValid, luhnCheckDigit } from './luhn';
import { findPersonalData, PersonalDataKind } from './personal-data-detector';
import { eachCase } from '../../test/support/each-case';

// Fictional numbers only: Skatteverket-style 98x/99x serials, PTS fiction phone ranges, example.* domains,
// documentation IP ranges and card networks' test numbers.

describe('Luhn', () => {
  it('accepts', () =>
    eachCase(['8112289874', '4111111111111111', '5555555555554444'], (digits) => {
      expect(isLuhnValid(digits)).toBe(true);
    }));
  it('rejects', () =>
    eachCase(['8112289875', '4111111111111112', '12a4', ''], (digits) => {
      expect(isLuhnValid(digits)).toBe(false);
    }));
  it('computes the check digit', () => {
    expect(luhnCheckDigit('811228987')).toBe(4);
  });
});

describe('findPersonalData: personal identity and coordination numbers', () => {
  it('finds as', () =>
    eachCase<[string, PersonalDataKind]>(
      [
        ['811228-9874', 'personal_identity_number'],
        ['8112289874', 'personal_identity_number'],
        ['19811228-9874', 'personal_identity_number'],
        ['198112289874', 'personal_identity_number'],
        ['811228 9874', 'personal_identity_number'],
        ['19811228 9874', 'personal_identity_number'],
        ['811228+9874', 'personal_identity_number'], // aged 100 or more
        ['811228–9874', 'personal_identity_number'], // en dash from a word processor
        ['18811228-9874', 'personal_identity_number'],
        ['20000229-9881', 'personal_identity_number'], // 2000 was a leap year
        ['000229-9881', 'personal_identity_number'],
        ['19160229-9875', 'personal_identity_number'],
        ['811288-9871', 'coordination_number'], // day 28 + 60
        ['8112889871', 'coordination_number'],
        ['19811288 9871', 'coordination_number'],
        ['811161-9873', 'coordination_number'], // day 61 = 1st
        ['811291-9876', 'coordination_number'], // day 91 = December 31st
      ],
      (value, kind) => {
        expect(findPersonalData(value)).toBe(kind);
      },
    ));

  it('ignores', () =>
    eachCase(
      [
        ['811228-9875', 'wrong check digit'],
        ['8112289870', 'wrong check digit, no separator'],
        ['811315-9878', 'month 13'],
        ['810012-9876', 'month 00'],
        ['811200-9876', 'day 00'],
        ['811232-9878', 'December 32'],
        ['810230-9872', 'February 30'],
        ['810229-9875', 'February 29 in a year not divisible by 4'],
        ['19000229-9880', 'February 29, 1900 (not a leap year)'],
        ['811191-9877', 'coordination day 91 in November (31st)'],
        ['811292-9875', 'coordination day 92'],
        ['21811228-9874', 'century 21'],
        ['98112289874', 'part of an 11-digit run'],
        ['811228-98745', 'serial part of a longer run'],
        ['1811228-9874', 'date part of a longer run'],
        ['212000-0142', 'organisation number (month 20)'],
        ['5560360793', 'organisation number without separator'],
      ],
      (value: string, _reason: string) => {
        expect(findPersonalData(value)).toBeNull();
      },
    ));

  it('finds an identity number in any position:', () =>
    eachCase(
      [
        '811228-9874 har ansökt om bistånd.',
        'Ansökan från 811228-9874',
        'Ansökan från 811228-9874.',
        'Mamman (811228-9874) deltog.',
        'pnr:811228-9874,',
        'Barnet [19811228-9874] placerades.',
        '"8112289874"',
        'Ärende SAM-2026-000123 avser 811228 9874 och kl. 14:30 den 2024-03-15.',
      ],
      (text: string) => {
        expect(findPersonalData(text)).toBe('personal_identity_number');
      },
    ));
});

describe('findPersonalData: e-mail', () => {
  it('finds', () =>
    eachCase(
      [
        'anna.svensson@example.se',
        'Skicka till Emma.Berg@mail.example.org i dag.',
        '(sara+jour@example.com)',
        'Mejla åsa.öberg@example.se.',
        'Adressen är anna (at) example.se',
        'k.lindqvist[at]example.se',
      ],
      (text: string) => {
        expect(findPersonalData(text)).toBe('email');
      },
    ));
  it('ignores', () =>
    eachCase(['@Polisen på sociala medier', 'möte kl 14 @ rum 3', 'info@ saknas', 'a@b', 'version 2@3.4'], (text) => {
      expect(findPersonalData(text)).toBeNull();
    }));
});

describe('findPersonalData: phone numbers', () => {
  it('finds', () =>
    eachCase(
      [
        '070-174 06 15',
        '070 174 06 15',
        '0701740679',
        '070-1740621',
        '070 - 174 06 11',
        '08-465 004 26',
        '08-12 34 56',
        '(08) 465 004 81',
        '031-12 34 56',
        '031-390 06 53',
        '040-628 04 12',
        '0980-319 292',
        '+46 70 174 06 25',
        '+46701740692',
        '+46-70-174 06 82',
        '+46 (0)8 465 004 15',
        '+46 (0)70 174 06 19',
        '0046701740688',
        '0046 70 174 06 56',
        '+47 123 45 382',
        '+44 20 7946 0969',
        '+1 202 555 0130',
        '+447700900565',
        'Ring henne på 070-174 06 15 efter kl. 16.',
        'plan 0, 070-174 06 15',
      ],
      (text: string) => {
        expect(findPersonalData(text)).toBe('phone');
      },
    ));

  it('ignores', () =>
    eachCase(
      [
        ['2024-03-15 kl. 09.00–11.30', 'date and times'],
        ['14:30, 08.15 och 0800', 'times'],
        ['12 500 kr och 1 250 000 SEK', 'amounts'],
        ['+12 500 000 kr', 'signed amount'],
        ['+3,4 %', 'signed percentage'],
        ['kommunkoder 0180 0181 0182', 'municipality codes'],
        ['0180, 1480 och 0114', 'municipality codes'],
        ['113 51 och 11351', 'postcodes'],
        ['Dnr 2024/0123, ärende 2023-456789', 'references'],
        ['SAM-2026-000123', 'case number'],
        ['0,5 prisbasbelopp', 'decimal'],
        ['Kvinnofridslinjen 020-50 50 50', 'freephone service number'],
        ['Stödlinjen 0771-44 77 00', 'shared-cost service number'],
        ['ring 112 eller 114 14', 'short numbers'],
        ['070123', 'too short'],
        ['07012345678901', 'too long'],
      ],
      (text: string, _reason: string) => {
        expect(findPersonalData(text)).toBeNull();
      },
    ));
});

describe('findPersonalData: other direct identifiers', () => {
  it('finds as', () =>
    eachCase<[string, PersonalDataKind]>(
      [
        ['IBAN SE45 5000 0000 0583 9825 7466', 'iban'],
        ['SE4550000000058398257466', 'iban'],
        ['kort 4111 1111 1111 1111', 'payment_card'],
        ['3782 822463 10005', 'payment_card'],
        ['plusgiro 4 17 43-6', 'bank_account'],
        ['kontonummer 8327-9, 123 456 789-0', 'bank_account'],
        ['passnummer 87654321', 'identity_document_number'],
        ['dossiernummer 1234567', 'identity_document_number'],
        ['inloggning från 192.0.2.45', 'ip_address'],
        ['2001:db8::8a2e:370:7334', 'ip_address'],
        ['bil MLB 842 utanför skolan', 'vehicle_registration'],
        ['reg.nr FNL 28A', 'vehicle_registration'],
      ],
      (text, kind) => {
        expect(findPersonalData(text)).toBe(kind);
      },
    ));

  it('ignores', () =>
    eachCase(
      [
        ['SE45 5000 0000 0583 9825 7465', 'IBAN with wrong check digits'],
        ['4111 1111 1111 1112', 'card number failing Luhn'],
        ['ärende 2023-4567 och 1234-5678', 'giro-like numbers without keyword'],
        ['konto 3010-3019', 'bookkeeping accounts'],
        ['arbetspass nr 3 och pass 2', 'work shifts'],
        ['20240315', 'eight digits without keyword'],
        ['avsnitt 2.1.4.3 och version 4.0.30319', 'section and version numbers'],
        ['kl 14:30:00', 'clock time'],
        ['SEK 100, LVU 123, SFS 2001:453', 'capitals and digits that are not plates'],
        ['vab 100 %', 'lower-case words'],
      ],
      (text: string, _reason: string) => {
        expect(findPersonalData(text)).toBeNull();
      },
    ));
});

describe('findPersonalData: precedence and robustness', () => {
  it('reports the identifier that starts first', () => {
    expect(findPersonalData('Mejl anna@example.se, tel 070-174 06 15, pnr 811228-9874')).toBe('email');
    expect(findPersonalData('Tel 070-174 06 15, pnr 811228-9874')).toBe('phone');
  });

  it('reports an unbroken 10-digit mobile number that is also a valid identity number as the latter', () => {
    expect(findPersonalData('0701749905')).toBe('coordination_number'); // 07-01-74 = day 14 + 60
  });

  it('returns null for empty and number-free text', () => {
    expect(findPersonalData('')).toBeNull();
    expect(findPersonalData('Samverkan enligt rutinen, inga personuppgifter.')).toBeNull();
  });
});

describe('system ids', () => {
  it('does not read the digits of a UUID as identifiers', () => {
    expect(findPersonalData('se ärende 3f2a9c1e-0b7d-4e8a-9c1f-070174061500 i systemet')).toBeNull();
    expect(findPersonalData('se ärende 3f2a9c1e-0b7d-4e8a-9c1f-ab8112289874 i systemet')).toBeNull();
  });

  it('finds a 12-digit identity number filling the last or the first two groups of a UUID', () => {
    expect(findPersonalData('se ärende 3f2a9c1e-0b7d-4e8a-9c1f-199001010017 i systemet')).toBe(
      'personal_identity_number',
    );
    expect(findPersonalData('id 19811228-9874-4e8a-9c1f-3f2a9c1e0b7d')).toBe('personal_identity_number');
  });

  it('still finds an identity number next to a UUID', () => {
    expect(findPersonalData('3f2a9c1e-0b7d-4e8a-9c1f-199001010017 gäller 811228-9874')).toBe(
      'personal_identity_number',
    );
  });
});

describe('disguised identifiers', () => {
  it('finds an identity number split by', () =>
    eachCase(
      [
        ['a tab', 'pnr 811228\t9874 noterat'],
        ['a line break', 'pnr 811228\n9874 noterat'],
        ['a zero-width space', 'pnr 811228\u200b-9874 noterat'],
        ['full-width digits', 'pnr ８１１２２８－９８７４ noterat'],
        ['a made-up uuid shape', 'ref 12345678-1234-1234-1234-199001010017'],
      ],
      (_, text) => {
        expect(findPersonalData(text)).toBe('personal_identity_number');
      },
    ));

  it('finds a phone number split by a zero-width space', () => {
    expect(findPersonalData('ring 070\u200b-123 45 67')).toBe('phone');
  });
});
