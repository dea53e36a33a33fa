// Swedish plates: three letters (no I, Q, V, Å, Ä, Ö) then three digits, or two digits and a letter (not O).
const PLATE = /(?<![\p{L}\p{N}-])([A-HJ-PR-UW-Z]{3})[ -]?\d{2}[\dA-HJ-NPR-UW-Z](?![\p{L}\p{N}])/gu;
// Capitals + three digits that are currencies, statutes and common abbreviations, not plates (those with I, Q or V,
// such as ISK, ISO and LVU, never read as plates).
const NOT_PLATES = new Set([
  'SEK',
  'EUR',
  'USD',
  'NOK',
  'DKK',
  'GBP',
  'CHF',
  'PLN',
  'SFS',
  'SOU',
  'AFS',
  'KAP',
  'NUM',
  'PBL',
  'LSS',
  'HSL',
  'PDL',
  'OSL',
  'SKR',
  'SCB',
  'BUP',
  'CAS',
  'TEL',
  'DNR',
  'NRS',
]);

// Passport, id-card, LMA and dossier numbers carry no checksum: only after a keyword.
const IDENTITY_DOCUMENT =
  /(?<!\p{L})(?:passnummer|passnr|pass-nr|pass nr|passport(?: no| number| nr)?|id-kortsnummer|id-kortnummer|id-kort nr|lma-nummer|lma-kortsnummer|lma-kort nr|lma-nr|dossiernummer|dossiernr|dossier nr|ut-kort nr|uppehållstillståndskort nr)\.? ?:? ?([A-Z0-9][A-Z0-9 -]{4,12}[A-Z0-9])/giu;

function isDocumentNumber(token: string): boolean {
  const trimmed = token.trim();
  const digits = trimmed.replace(/\D/g, '').length;
  return digits >= 5 && trimmed.split(/[ -]/).length <= 3;
}

/** Index of the first Swedish registration plate, or -1. */
export function findVehicleRegistration(text: string): number {
  for (const m of text.matchAll(PLATE)) {
    if (!NOT_PLATES.has(m[1])) {
      return m.index;
    }
  }
  return -1;
}

/** Index of the first passport, id-card, LMA or dossier number written after its keyword, or -1. */
export function findIdentityDocumentNumber(text: string): number {
  for (const m of text.matchAll(IDENTITY_DOCUMENT)) {
    if (isDocumentNumber(m[1])) {
      return m.index;
    }
  }
  return -1;
}
