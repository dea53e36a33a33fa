// Detects direct identifiers in free text for the privacy guard, on one normalisation (normalise.ts) so that no
// spelling hides them: identity/coordination numbers and phone numbers on the digit runs whatever separates them
// (digit-chains.ts, measured linear: bench/privacy-detector.ts), e-mail with spelled-out '@' and '.', IBAN (mod 97),
// payment cards (Luhn + issuer), IPv4/IPv6, Swedish plates (stop list) and, only after a keyword, bank/giro accounts
// and passport/id-card/LMA/dossier numbers. Excluded, as measured on the corpus's negative notes: giro numbers
// without a keyword (Luhn only: 15 hits, 6.8%), 8-digit passport numbers without a keyword (5 hits: dates like
// 20240315), plates without the stop list (SEK 100), single-digit dotted quads as IPs (2.1.4.3); organisation
// numbers (not personal data, month 20+) and names/addresses (no pattern; needs NER).
import { readCalendarNotation } from './calendar-notation';
import { readDigitChains } from './digit-chains';
import { findEmailAddress } from './email-address';
import { findBankAccount, findIban, findPaymentCard } from './financial-identifiers';
import { findIpAddress } from './ip-address';
import { normaliseForDetection } from './normalise';
import { findPhoneNumber } from './phone-number';
import { classifySwedishIdentityNumber, findSwedishIdentityNumber } from './swedish-identity-number';
import { findIdentityDocumentNumber, findVehicleRegistration } from './vehicle-and-document-numbers';

export const PERSONAL_DATA_KINDS = [
  'personal_identity_number',
  'coordination_number',
  'email',
  'phone',
  'iban',
  'payment_card',
  'bank_account',
  'identity_document_number',
  'ip_address',
  'vehicle_registration',
] as const;

export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

interface Hit {
  kind: PersonalDataKind;
  index: number;
}

// The system's own ids are RFC 9562 UUIDs (version and variant digits); their hex groups would otherwise give digit
// runs that read as identity or phone numbers (a v4 UUID's last group holds a 10-digit decimal run between letters
// about once in 120; as a valid 10-digit identity number about once in 17,000 UUIDs, as a mobile number once in
// 12,000). They are blanked, except that a 12-digit identity number filling the last group (…-199001010017) or the
// first two (19940102-9971-4…) is still found: a random v4 UUID has one by chance with probability
// (10/16)^12 × 3/100 centuries × ~0.07 valid dates × 1/10 Luhn ≈ 8e-8 per place, while a made-up id carrying a
// number is caught. Not caught: a 10-digit number inside the hex of an RFC-shaped UUID (`…-ab7405169967`), the price
// of not flagging one real UUID in 17,000. Hex-shaped strings that are not RFC UUIDs are scanned like any text.
const UUID =
  /(?<![0-9A-Fa-f-])([0-9A-Fa-f]{8})-([0-9A-Fa-f]{4})-[1-8][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-([0-9A-Fa-f]{12})(?![0-9A-Fa-f-])/g;
const NOT_A_DIGIT = /\D/;
const UUID_LAST_GROUP = 24;

function twelveDigitIdentityNumber(digits: string): PersonalDataKind | null {
  if (NOT_A_DIGIT.test(digits)) {
    return null;
  } // a UUID group of twelve characters
  return classifySwedishIdentityNumber(
    digits.slice(0, 2),
    digits.slice(2, 4),
    digits.slice(4, 6),
    digits.slice(6, 8),
    digits.slice(8),
  );
}

/** A 12-digit identity number as the first two or the last group of an RFC UUID. */
function identityNumberInUuid(first: string, second: string, last: string, index: number): Hit | null {
  const leading = twelveDigitIdentityNumber(first + second);
  if (leading !== null) {
    return { kind: leading, index };
  }
  const trailing = twelveDigitIdentityNumber(last);
  return trailing === null ? null : { kind: trailing, index: index + UUID_LAST_GROUP };
}

function hit(kind: PersonalDataKind, index: number): Hit | null {
  return index < 0 ? null : { kind, index };
}

function findAll(text: string): Hit[] {
  let uuidHit: Hit | null = null;
  const scanned = text.replace(UUID, (uuid: string, first: string, second: string, last: string, index: number) => {
    uuidHit ??= identityNumberInUuid(first, second, last, index);
    return ' '.repeat(uuid.length);
  });
  const chains = readDigitChains(scanned);
  const notation = readCalendarNotation(chains);
  const identity = findSwedishIdentityNumber(chains, notation);
  const phone = hit('phone', findPhoneNumber(chains, notation));
  // An identity number written in a phone number's grouping (`070-174 06 15`) at the same place is the phone number.
  const identityFirst =
    identity !== null && (identity.conventional || phone === null || phone.index !== identity.index);
  /** In order of precedence when two identifiers start at the same position. */
  const hits = [
    uuidHit,
    identityFirst ? identity : null,
    hit('email', findEmailAddress(scanned)),
    hit('iban', findIban(scanned)),
    hit('payment_card', findPaymentCard(chains)),
    hit('bank_account', findBankAccount(scanned)),
    hit('identity_document_number', findIdentityDocumentNumber(scanned)),
    phone,
    hit('ip_address', findIpAddress(chains)),
    hit('vehicle_registration', findVehicleRegistration(scanned)),
  ];
  return hits.filter((h): h is Hit => h !== null);
}

/**
 * The kind of the first personal identifier in `text` (the one starting earliest), or null.
 * Never returns or logs the identifier itself, so callers can report the kind without echoing the value.
 */
export function findPersonalData(text: string): PersonalDataKind | null {
  let first: Hit | null = null;
  for (const found of findAll(normaliseForDetection(text))) {
    if (first === null || found.index < first.index) {
      first = found;
    }
  }
  return first === null ? null : first.kind;
}
