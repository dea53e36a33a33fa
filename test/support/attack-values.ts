import type { Schema } from './openapi-walk';
import type { Spelling } from './identifier-spellings';

/**
 * How an identifier is dressed to fit a field, so the attack is not refused merely for its format: a code field
 * gets `pnr197705216146`, a step key `p850312_2635`, an e-mail field `197102263899@kommun.se`, a URL field a full
 * https URL with the identifier in its path, query, userinfo, host label or fragment, percent-encoded or not.
 * Every field also gets the raw spelling. No Jest globals.
 */
export type Shape =
  | 'free'
  | 'code'
  | 'dotted_code'
  | 'digits'
  | 'measure'
  | 'duration'
  | 'reference'
  | 'uuid'
  | 'date'
  | 'enum'
  | 'number'
  | 'boolean'
  | 'email'
  | 'secret'
  | 'url'
  | 'cursor';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The field's shape from its schema, its name and the value a valid request puts there. */
export function shapeOf(schema: Schema, name: string, example: unknown): Shape {
  const sample = example ?? schema.example;
  if (schema.format === 'password') {
    return 'secret';
  }
  if (name === 'cursor') {
    return 'cursor';
  }
  if (schema.format === 'email') {
    return 'email';
  }
  if (name === 'url' || schema.format === 'uri' || (typeof sample === 'string' && /^https?:\/\//.test(sample))) {
    return 'url';
  }
  if (schema.format === 'uuid' || (typeof sample === 'string' && UUID.test(sample))) {
    return 'uuid';
  }
  if (
    schema.format === 'date-time' ||
    schema.format === 'date' ||
    (typeof sample === 'string' && /^\d{4}-\d{2}-\d{2}/.test(sample))
  ) {
    return 'date';
  }
  if (schema.enum) {
    return 'enum';
  }
  if (schema.type === 'number' || schema.type === 'integer' || typeof sample === 'number') {
    return 'number';
  }
  if (schema.type === 'boolean' || typeof sample === 'boolean') {
    return 'boolean';
  }
  if (typeof sample !== 'string') {
    return 'free';
  }
  if (/^[a-z][a-z0-9_]*$/.test(sample)) {
    return 'code';
  }
  if (/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(sample)) {
    return 'dotted_code';
  }
  if (/^\d+$/.test(sample)) {
    return 'digits';
  }
  if (/^\d+(\.\d+)+$/.test(sample)) {
    return 'measure';
  }
  if (/^P(T?\d+[YMWDHS])+$/.test(sample)) {
    return 'duration';
  }
  if (/^[A-Za-z0-9.,:/_#-]+$/.test(sample) && /\d/.test(sample) && /[A-Za-z]/.test(sample)) {
    return 'reference';
  }
  return 'free';
}

export interface AttackValue {
  /** `raw`, `code`, `url-query`, … */
  variant: string;
  value: unknown;
}

/** The spelling with every script's digits in ASCII and invisible characters gone: what a strict pattern still lets through. */
const ascii = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/\p{Nd}/gu, (digit) => {
      const codePoint = digit.codePointAt(0) as number;
      let zero = codePoint;
      while (zero > codePoint - 9 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) {
        zero -= 1;
      }
      return String(codePoint - zero);
    })
    .replace(/[\p{Cf}\p{M}]/gu, '');

/** `pnr197705216146`, `p850312_2635`, `p46_76_349_28_17`: a code of `[a-z][a-z0-9_]`, at most `max` characters. */
export function asCode(spelling: Spelling, max = 50, extra = ''): string {
  const allowed = new RegExp(`[^a-z0-9_${extra}]+`, 'g');
  const folded = ascii(spelling.text)
    .toLowerCase()
    .replace(allowed, '_')
    .replace(/^_+|_+$/g, '');
  return (/^[a-z]/.test(folded) ? folded : `p${folded}`).slice(0, max);
}

const asEmailLocal = (spelling: Spelling) =>
  ascii(spelling.text)
    .replace(/[^A-Za-z0-9.+_-]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .replace(/\.{2,}/g, '.');

const percentEveryByte = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');

const HOOK = 'https://hooks.example.se';

function urlValues(spelling: Spelling): AttackValue[] {
  const encoded = encodeURIComponent(spelling.text);
  const values: AttackValue[] = [
    { variant: 'url-path', value: `${HOOK}/samverkan/${encoded}` },
    { variant: 'url-query', value: `${HOOK}/samverkan?ref=${encoded}` },
    { variant: 'url-percent-every-byte', value: `${HOOK}/samverkan/${percentEveryByte(spelling.text)}` },
    { variant: 'url-double-encoded', value: `${HOOK}/samverkan?ref=${encodeURIComponent(encoded)}` },
    { variant: 'url-stray-percent', value: `${HOOK}/samverkan/100%/${encoded}?a=%zz` },
    { variant: 'url-fragment', value: `${HOOK}/samverkan#${encoded}` },
  ];
  if (spelling.kind === 'email') {
    const local = spelling.local as string;
    values.push({
      variant: 'url-userinfo',
      value: `https://${encodeURIComponent(`${local}@example.se`)}@hooks.example.se/samverkan`,
    });
    values.push({ variant: 'url-userinfo-password', value: `https://${local}:${encoded}@hooks.example.se/samverkan` });
  } else {
    values.push({
      variant: 'url-host-label',
      value: `https://${asCode(spelling, 63).replace(/_/g, '-')}.hooks.example.se/samverkan`,
    });
    values.push({ variant: 'url-userinfo', value: `https://${encoded}@hooks.example.se/samverkan` });
  }
  return values;
}

/**
 * The values to send for one spelling in a field of this shape; empty when no meaningful attack fits (an
 * e-mail address in a staff e-mail field is staff data kept by design).
 */
export function attackValues(spelling: Spelling, shape: Shape): AttackValue[] {
  const raw: AttackValue = { variant: 'raw', value: spelling.text };
  const isEmail = spelling.kind === 'email';
  switch (shape) {
    case 'free':
      return [{ variant: 'in-text', value: `Uppföljning enligt ${spelling.text} klar` }];
    case 'code':
      // A code pattern admits no `@` or `.`: an e-mail squeezed into one is a name, which no detector can know.
      return isEmail ? [raw] : dedupe([raw, { variant: 'code', value: asCode(spelling) }]);
    case 'dotted_code':
      return isEmail
        ? [raw]
        : dedupe([
            raw,
            { variant: 'code', value: asCode(spelling, 50) },
            { variant: 'dotted-code', value: asCode(spelling, 50, '.').replace(/_/g, '.') },
          ]);
    case 'digits':
      return isEmail ? [raw] : dedupe([raw, { variant: 'digits', value: spelling.digits }]);
    case 'measure':
      return isEmail
        ? [raw]
        : dedupe([
            raw,
            { variant: 'dotted-digits', value: `${spelling.digits.slice(0, 6)}.${spelling.digits.slice(6)}` },
          ]);
    case 'duration':
      return isEmail ? [raw] : [raw, { variant: 'duration', value: `P${spelling.digits.replace(/^0+/, '')}D` }];
    case 'reference':
      return isEmail
        ? [raw]
        : dedupe([
            raw,
            {
              variant: 'reference',
              value: ascii(spelling.text)
                .replace(/[^A-Za-z0-9 .,:/_#-]+/g, ' ')
                .trim(),
            },
          ]);
    case 'number':
      return isEmail ? [raw] : [raw, { variant: 'json-number', value: Number(spelling.digits) }];
    case 'uuid':
    case 'date':
    case 'enum':
    case 'boolean':
      return [raw];
    case 'email':
      // Staff e-mail is kept by design: only identity and phone numbers dressed as an address are sent.
      return isEmail
        ? []
        : dedupe([
            { variant: 'email-local', value: `${asEmailLocal(spelling)}@kommun.se` },
            { variant: 'email-local-raw', value: `${spelling.text.replace(/\s+/g, '.')}@kommun.se` },
          ]);
    case 'secret':
      return [{ variant: 'in-secret', value: `${spelling.text} lösenord` }];
    case 'url':
      return urlValues(spelling);
    case 'cursor':
      // A forged cursor decodes to a key the service puts into a query: the identifier inside it.
      return [
        raw,
        {
          variant: 'forged-cursor',
          value: Buffer.from(JSON.stringify([spelling.text, '00000000-0000-4000-8000-000000000000'])).toString(
            'base64url',
          ),
        },
      ];
  }
}

function dedupe(values: AttackValue[]): AttackValue[] {
  const seen = new Set<string>();
  return values.filter((entry) => {
    const key = JSON.stringify(entry.value);
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

/** Header values travel as bytes: UTF-8 text sent as its Latin-1 reading (the server decodes UTF-8 back). */
export const asHeaderValue = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

/** `x-request-id` values that still match a tracing id's usual characters (`630417.5281`), besides the raw spelling. */
export function requestIdValues(spelling: Spelling): AttackValue[] {
  if (spelling.kind === 'email') {
    return [{ variant: 'raw', value: spelling.text }];
  }
  return dedupe([
    { variant: 'raw', value: spelling.text },
    {
      variant: 'request-id',
      value: ascii(spelling.text)
        .replace(/[^A-Za-z0-9._-]+/g, '.')
        .replace(/^\.+|\.+$/g, ''),
    },
  ]);
}
