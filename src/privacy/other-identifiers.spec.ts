import { isLuhnValid } from './luhn';
import { findPersonalData, PersonalDataKind } from './personal-data-detector';
import { eachCase } from '../../test/support/each-case';

// IBAN, card, giro, document, address and plate boundaries: each with the nearest value that is not one.

describe('Luhn over a range', () => {
  it('checks only the digits between from and to', () => {
    expect(isLuhnValid('xx8112289874yy', 2, 12)).toBe(true);
    expect(isLuhnValid('xx8112289875yy', 2, 12)).toBe(false);
    expect(isLuhnValid('8112289874', 0, 0)).toBe(false);
    expect(isLuhnValid('8112289874', 5, 4)).toBe(false);
    expect(isLuhnValid('0')).toBe(true);
    expect(isLuhnValid('18')).toBe(true);
    expect(isLuhnValid('59')).toBe(true);
    expect(isLuhnValid('91')).toBe(true);
    expect(isLuhnValid('19')).toBe(false);
    expect(isLuhnValid('1/')).toBe(false);
    expect(isLuhnValid(':0')).toBe(false);
    expect(isLuhnValid(':')).toBe(false); // ':' would count as 10
    expect(isLuhnValid('/01')).toBe(false); // '/' would count as -1
  });
});

describe('findPersonalData: IP addresses', () => {
  it('finds', () =>
    eachCase(
      [
        ['192.0.2.45', 'ip_address'],
        ['från 192.0.2.255.', 'ip_address'],
        ['10.0.0.1', 'ip_address'],
        ['0.0.0.10', 'ip_address'],
        ['(198.51.100.7)', 'ip_address'],
        ['2001:db8::8a2e:370:7334', 'ip_address'],
        ['2001:DB8:0:0:8:800:200C:417A', 'ip_address'],
        ['fe80::1:2', 'ip_address'],
        ['::ffff:1', 'ip_address'],
        ['adress 2001:db8:85a3:0:0:8a2e:370:7334.', 'ip_address'],
      ],
      (text, kind) => {
        expect(findPersonalData(text)).toBe(kind);
      },
    ));

  it('ignores', () =>
    eachCase(
      [
        '192.0.2.256',
        '256.1.1.1',
        '192.0.2.1234',
        '192.01.2.45',
        '2.1.4.3',
        '1.2.3.4.5',
        '.192.0.2.45',
        'v192.0.2.45',
        '192.0.2.45a',
        '192.0.2.45.6',
        '192.0.2 45',
        '192-0-2-45',
        '1:2:3:4:5:6:7',
        '1:2:3:4:5:6:7:8:9',
        '1::2::3',
        '12345::1',
        'a::b',
        '1::2',
        'ab::cd',
        'abc::d',
        'kl 10::30',
        '14:30:00',
        'g001:db8::8a2e:370:7334',
        '.2001:db8::8a2e:370:7334',
        '2001:db8::8a2e:370:7334g',
        '2001:db8::8a2e:370:7334:1:2:3:4:5:6',
        '1:2:3:4:5:6:7:',
        'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff:',
      ],
      (text) => {
        expect(findPersonalData(text)).toBeNull();
      },
    ));

  it('takes an address of exactly 39 characters', () => {
    expect(findPersonalData('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe('ip_address');
    expect(findPersonalData('ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffff')).toBeNull();
  });
});

describe('findPersonalData: vehicle registrations', () => {
  it('finds', () =>
    eachCase(['bil MLB 842 utanför skolan', 'reg.nr FNL 28A', 'ABC123', 'ABC-123', 'XYZ 12Z'], (text) => {
      expect(findPersonalData(text)).toBe('vehicle_registration');
    }));

  it('reads 100 as no plate', () =>
    eachCase(
      [
        'SEK',
        'EUR',
        'USD',
        'NOK',
        'DKK',
        'GBP',
        'CHF',
        'ISK',
        'PLN',
        'SFS',
        'SOU',
        'AFS',
        'ISO',
        'KAP',
        'NUM',
        'PBL',
        'LSS',
        'LVU',
        'LVM',
        'HSL',
        'PDL',
        'OSL',
        'SKR',
        'SCB',
        'BUP',
        'CAS',
        'AID',
        'TEL',
        'DNR',
        'NRS',
      ],
      (letters) => {
        expect(findPersonalData(`${letters} 100`)).toBeNull();
      },
    ));

  it('ignores', () =>
    eachCase(
      ['ABI 123', 'AQB 123', 'ABV 123', 'ABC 12O', 'ABC 1234', 'XABC 123', 'ABC 123X', 'abc 123', 'A-ABC 123'],
      (text) => {
        expect(findPersonalData(text)).toBeNull();
      },
    ));
});

describe('findPersonalData: identity documents after a keyword', () => {
  it('finds', () =>
    eachCase(
      [
        'passnummer 87654321',
        'passnr: AB1234567',
        'Pass-nr. 123456',
        'pass nr 123456',
        'passport no 123456',
        'passport number 123456',
        'passport nr 123456',
        'passport 123456',
        'id-kortsnummer 1234567',
        'id-kortnummer 1234567',
        'id-kort nr 1234567',
        'lma-nummer 123-456-789',
        'lma-kortsnummer 123456',
        'lma-kort nr 123456',
        'lma-nr 123456',
        'dossiernummer 1234567',
        'dossiernr 1234567',
        'dossier nr 1234567',
        'ut-kort nr 123456',
        'uppehållstillståndskort nr 123456',
      ],
      (text) => {
        expect(findPersonalData(text)).toBe('identity_document_number');
      },
    ));

  it('ignores', () =>
    eachCase(
      [
        'arbetspass nr 3 och pass 2',
        'passnummer ABCDEF',
        'passnummer 1234',
        'passnummer 12 34 56 78',
        'kompass nr 12345',
        'passnummer AB 12 34 56',
        'passnummer AB1234',
        'xpassnr 123456',
        'kompass nr 123456',
      ],
      (text) => {
        expect(findPersonalData(text)).toBeNull();
      },
    ));
});

describe('findPersonalData: IBAN, cards and accounts', () => {
  it('finds as', () =>
    eachCase<[string, PersonalDataKind]>(
      [
        ['IBAN SE45 5000 0000 0583 9825 7466', 'iban'],
        ['SE4550000000058398257466', 'iban'],
        ['SE45 5000 0000 0583 9825 7466 BETALT', 'iban'],
        ['NO93 8601 1117 947', 'iban'],
        ['DE89 3704 0044 0532 0130 00', 'iban'],
        ['MT84MALT011000012345MTLCAST001S', 'iban'], // a country without a listed length
        ['kort 4111 1111 1111 1111', 'payment_card'],
        ['4111-1111-1111-1111', 'payment_card'],
        ['4111111111111111', 'payment_card'],
        ['4222222222222', 'payment_card'],
        ['4111 1111 1111 1111 003', 'payment_card'],
        ['5555 5555 5555 4444', 'payment_card'],
        ['2223 0031 2200 3222', 'payment_card'],
        ['2720 9999 9999 9996', 'payment_card'],
        ['3782 822463 10005', 'payment_card'],
        ['378282246310005', 'payment_card'],
        ['4111 1111 1111 1111 111', 'payment_card'],
        ['plusgiro 4 17 43-6', 'bank_account'],
        ['bankgiro 5050-1055', 'bank_account'],
        ['PG nummer: 417436', 'bank_account'],
        ['kontonummer 8327-9, 123 456 789-0', 'bank_account'],
        ['clearingnr 1234 kontonr 1234567', 'bank_account'],
        ['bankgiro 12344', 'bank_account'],
        ['bankgiro 1234-5674', 'bank_account'],
        ['BG: 1234-5674', 'bank_account'],
        ['plusgironummer 12344', 'bank_account'],
        ['pg nr. 12344', 'bank_account'],
        ['personkonto 1234 123456789', 'bank_account'],
        ['lönekonto: 123456789012345', 'bank_account'],
        ['sparkonto 1234567', 'bank_account'],
        ['konto nr 1234567', 'bank_account'],
        ['clearingnummer 1234, 1234567', 'bank_account'],
      ],
      (text, kind) => {
        expect(findPersonalData(text)).toBe(kind);
      },
    ));

  it('ignores', () =>
    eachCase(
      [
        'SE45 5000 0000 0583 9825 7465',
        'SE45 5000 0000 0583 9825 746',
        'XX45 5000',
        'MT84MALT011000012345MTLCAST001T',
        'AB12 3456 7890 12',
        '4111 1111 1111 1112',
        '4111 1111 1111 11111',
        '4111 111 1111 1111',
        '41111 1111 1111 111',
        '4111  1111.1111 1111',
        '.4111 1111 1111 1111',
        ',4111 1111 1111 1111',
        '3782 822463 10006',
        '5555 5555 5555 444',
        '4111 11111 1111 111',
        '4111 1111 11111 111',
        '4111 1111 1111 1 111',
        '3782 82246 310005',
        '3782 822463 1000 5',
        '6011 1111 1111 1117',
        '2721 0000 0000 0005',
        '411111111111111',
        'ärende 2023-4567 och 1234-5678',
        'konto 3010-3019',
        'plusgiro 1234',
        'plusgiro 1234-5',
        'bankgiro 123456789',
        'bankgiro 1230',
        'bankgiro 123456782',
        'xbankgiro 12344',
        'lönekonto 1234567890123456',
        'bankkonto 123456',
        'kontonummer 123456',
        '20240315',
      ],
      (text) => {
        expect(findPersonalData(text)).toBeNull();
      },
    ));
});

describe('findPersonalData: precedence', () => {
  it('', () =>
    eachCase<[string, PersonalDataKind]>(
      [
        ['Mejl anna@example.se, tel 070-174 06 14, pnr 811228-9874', 'email'],
        ['Tel 070-174 06 14, pnr 811228-9874', 'phone'],
        ['pnr 811228-9874, tel 070-174 06 14', 'personal_identity_number'],
        ['0701749905', 'coordination_number'], // one run: the identity number
        ['070174 9905', 'coordination_number'], // date and serial
        ['070-174 99 05', 'phone'], // a phone number's grouping
        ['192.0.2.45 och MLB 842', 'ip_address'],
        ['MLB 842 och 192.0.2.45', 'vehicle_registration'],
        ['3f2a9c1e-0b7d-4e8a-9c1f-199001010017 gäller 811228-9874', 'personal_identity_number'],
        ['anna@example.se 3f2a9c1e-0b7d-4e8a-9c1f-199001010017', 'email'],
        ['id 19811288-9871-4e8a-9c1f-3f2a9c1e0b7d', 'coordination_number'],
        ['3f2a9c1e-0b7d-4e8a-9c1f-199001010017 och 19811288-9871-4e8a-9c1f-3f2a9c1e0b7d', 'personal_identity_number'],
        ['passnummer 87654321 och MLB 842', 'identity_document_number'],
        ['kontonummer 8327-9, 123 456 789-0 och MLB 842', 'bank_account'],
        ['4111 1111 1111 1111 och MLB 842', 'payment_card'],
        ['SE45 5000 0000 0583 9825 7466 och MLB 842', 'iban'],
      ],
      (text, kind) => {
        expect(findPersonalData(text)).toBe(kind);
      },
    ));

  it('spares UUIDs whose groups are not a 12-digit identity number', () => {
    expect(findPersonalData('3f2a9c1e-0b7d-4e8a-9c1f-070174061500')).toBeNull();
    expect(findPersonalData('19811228-9875-4e8a-9c1f-3f2a9c1e0b7d')).toBeNull();
    expect(findPersonalData('1981122a-9874-4e8a-9c1f-3f2a9c1e0b7d')).toBeNull();
    expect(findPersonalData('3f2a9c1e-0b7d-4e8a-9c1f-19900101001a')).toBeNull();
    expect(findPersonalData('3F2A9C1E-0B7D-4E8A-BC1F-0701740614AB')).toBeNull();
  });

  it('scans UUID-shaped strings that are not RFC UUIDs like any text', () => {
    expect(findPersonalData('ref 12345678-1234-1234-1234-199001010017')).toBe('personal_identity_number');
    expect(findPersonalData('ref 3f2a9c1e-0b7d-0e8a-9c1f-ab8112289874')).toBe('personal_identity_number');
    expect(findPersonalData('ref 3f2a9c1e-0b7d-4e8a-7c1f-ab8112289874')).toBe('personal_identity_number');
    expect(findPersonalData('ref 3f2a9c1e-0b7d-4e8a-9c1f-ab8112289874-1')).toBe('personal_identity_number');
    expect(findPersonalData('ref a3f2a9c1e-0b7d-4e8a-9c1f-ab8112289874')).toBe('personal_identity_number');
  });
});
