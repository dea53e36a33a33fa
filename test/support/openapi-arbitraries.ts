import fc from 'fast-check';
import { SPELLINGS } from './identifier-spellings';
import { OpenApiDocument, Operation, Parameter, Schema, resolve } from './openapi-walk';

/**
 * fast-check arbitraries for requests to one operation of the OpenAPI document: path parameters that look valid
 * (ids of existing records) or are random, schema-typed and junk query values, and JSON bodies shaped by the
 * operation's schema then mutated (a leaf of the wrong type, a property missing or extra, deep nesting), besides
 * raw bodies that are not JSON at all. No Jest globals.
 */

/** Values of the records the suite made, so that some requests reach the services' rules and not only their validation. */
export interface KnownValues {
  ids: string[];
  /** The id of one existing record per collection (`cases`, `routines`): the likeliest value of `{id}` after it. */
  idByCollection: Record<string, string>;
  stepKeys: string[];
  reasonCodes: { kind: string; code: string }[];
  /** Well-formed request bodies by operation id (`POST /api/v1/cases`), mutated like the schema-shaped ones. */
  validBodies: Record<string, unknown>;
}

export type Body =
  { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; contentType: string };

export interface FuzzRequest {
  /** The role whose token is sent; `none` sends no Authorization header, `forged` a token that is not one. */
  as: string;
  /** Already encoded, one per path parameter. */
  pathValues: string[];
  /** Already encoded `name=value` pairs. */
  query: string[];
  body: Body;
}

const PEOPLE = SPELLINGS.map((spelling) => spelling.text);
const nested = (depth: number, leaf: unknown, asArray: boolean): unknown => {
  let value = leaf;
  for (let level = 0; level < depth; level += 1) {
    value = asArray ? [value] : { a: value };
  }
  return value;
};

const SPECIAL_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uFEFF',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-0',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'prototype',
  '0',
  '-1',
  '1e309',
  '0x10',
  '2147483648',
  '99999999999999999999',
  '2024-02-30',
  '2024-13-45T25:61:61Z',
  '0000-00-00',
  '+275760-09-13T00:00:00.000Z',
  '10000-01-01',
  'P',
  'PT',
  'P99999999D',
  'P-1D',
  "' OR 1=1 --",
  '%',
  '%00',
  '../../etc/passwd',
  'Å'.repeat(70),
];
const SPECIAL_NUMBERS = [
  0, -1, 1, 1.5, -0.5, 2147483647, 2147483648, -2147483649, 9007199254740993, 1e21, 1e308, -1e308, 5e-324,
];

/** Any JSON value a client could send where another was expected. */
export function junkValue(known: KnownValues, longest = 20000): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.constantFrom<unknown>(null, true, false, ...SPECIAL_NUMBERS, ...SPECIAL_STRINGS), weight: 4 },
    { arbitrary: fc.integer(), weight: 1 },
    { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
    { arbitrary: fc.integer({ min: 200, max: longest }).map((length) => 'x'.repeat(length)), weight: 1 },
    { arbitrary: fc.constantFrom(...PEOPLE), weight: 2 },
    { arbitrary: fc.constantFrom(...known.ids), weight: 2 },
    { arbitrary: fc.uuid(), weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 40 }), fc.boolean())
        .map(([depth, asArray]) => nested(depth, 'x', asArray)),
      weight: 1,
    },
    { arbitrary: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }), weight: 1 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
  );
}

const DATE_RANGE = {
  min: new Date('1900-01-01T00:00:00Z'),
  max: new Date('2100-12-31T00:00:00Z'),
  noInvalidDate: true,
};
const DURATIONS = ['P1D', 'PT4H', 'P2W', 'P1M', 'PT48H', 'P10D', 'P1Y', 'PT30M'];

/** A value the schema allows (or nearly: strings are free text unless a format, enum or example says more). */
export function schemaValue(
  document: OpenApiDocument,
  raw: Schema,
  known: KnownValues,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  const schema = resolve(document, raw);
  const orNull = (arbitrary: fc.Arbitrary<unknown>) =>
    schema.nullable ? fc.option(arbitrary, { nil: null, freq: 8 }) : arbitrary;
  if (schema.enum) {
    return orNull(fc.constantFrom(...schema.enum));
  }
  if (schema.format === 'uuid') {
    return orNull(fc.oneof(fc.constantFrom(...known.ids), fc.uuid()));
  }
  if (schema.format === 'date-time') {
    return orNull(fc.date(DATE_RANGE).map((date) => date.toISOString()));
  }
  if (schema.format === 'date') {
    return orNull(fc.date(DATE_RANGE).map((date) => date.toISOString().slice(0, 10)));
  }
  if (schema.format === 'email') {
    return orNull(fc.emailAddress());
  }
  if (schema.type === 'array' || schema.items) {
    const items =
      schema.items && Object.keys(schema.items).length > 0
        ? schemaValue(document, schema.items, known, name, depth + 1)
        : fc.jsonValue({ maxDepth: 2 });
    return orNull(fc.array(items, { maxLength: depth > 2 ? 2 : 4 }));
  }
  if (schema.properties) {
    const required = (schema as Schema & { required?: string[] }).required ?? [];
    const properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, child]) => [
        key,
        schemaValue(document, child, known, key, depth + 1),
      ]),
    );
    return orNull(fc.record(properties, { requiredKeys: required.filter((key) => key in properties) }));
  }
  if (schema.type === 'object' || schema.additionalProperties) {
    const value =
      typeof schema.additionalProperties === 'object'
        ? schemaValue(document, schema.additionalProperties, known, name, depth + 1)
        : fc.jsonValue({ maxDepth: 1 });
    return orNull(
      fc.dictionary(fc.oneof(fc.constantFrom(...known.stepKeys), fc.string({ maxLength: 10 })), value, { maxKeys: 3 }),
    );
  }
  if (schema.type === 'number' || schema.type === 'integer') {
    const bounds = schema as Schema & { minimum?: number; maximum?: number };
    const typed = fc.integer({ min: bounds.minimum ?? -5, max: bounds.maximum ?? 200 });
    return orNull(
      Array.isArray(schema.example) || schema.example === undefined
        ? typed
        : fc.oneof(fc.constant(schema.example), typed),
    );
  }
  if (schema.type === 'boolean') {
    return orNull(fc.boolean());
  }
  return orNull(stringValue(schema, name, known));
}

function stringValue(schema: Schema, name: string, known: KnownValues): fc.Arbitrary<string> {
  const free = fc.string({ unit: 'grapheme', maxLength: Math.min(schema.maxLength ?? 40, 60) });
  const choices: fc.Arbitrary<string>[] = [free];
  if (typeof schema.example === 'string') {
    choices.push(fc.constant(schema.example));
  }
  if (/after|before/i.test(name)) {
    choices.push(fc.constantFrom(...DURATIONS));
  }
  if (/key|dependsOn/.test(name)) {
    choices.push(fc.constantFrom(...known.stepKeys));
  }
  if (/code/i.test(name)) {
    choices.push(
      fc.constantFrom(...known.reasonCodes.map((entry) => entry.code)),
      fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/),
    );
  }
  if (name === 'url') {
    choices.push(fc.webUrl({ validSchemes: ['https'] }));
  }
  return fc.oneof(...choices);
}

type Json = unknown;

/** Every place in a JSON value: `[]` is the value itself. */
function placesOf(
  value: Json,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((element, index) => placesOf(element, [...prefix, index], out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      placesOf(child, [...prefix, key], out);
    }
  }
  return out;
}

type Mutation = 'replace' | 'delete' | 'extra' | 'wrap_array' | 'wrap_object' | 'deep';

function mutate(value: Json, pick: number, mutation: Mutation, junk: unknown, extraKey: string, depth: number): Json {
  const places = placesOf(value);
  const place = places[pick % places.length];
  const apply = (target: Json): Json => {
    switch (mutation) {
      case 'replace':
        return junk;
      case 'wrap_array':
        return [target];
      case 'wrap_object':
        return { [extraKey]: target };
      case 'deep':
        return nested(depth, target, depth % 2 === 0);
      case 'extra':
        return target !== null && typeof target === 'object' && !Array.isArray(target)
          ? { ...target, [extraKey]: junk }
          : Array.isArray(target)
            ? [...(target as unknown[]), junk]
            : junk;
      case 'delete':
        return undefined;
    }
  };
  if (place.length === 0) {
    return apply(structuredClone(value)) ?? {};
  }
  const copy = structuredClone(value) as Record<string | number, Json>;
  let holder = copy;
  for (const segment of place.slice(0, -1)) {
    holder = holder[segment] as Record<string | number, Json>;
  }
  const last = place[place.length - 1];
  const next = apply(holder[last]);
  if (next === undefined) {
    if (Array.isArray(holder)) {
      holder.splice(last as number, 1);
    } else {
      delete holder[last];
    }
  } else {
    holder[last] = next;
  }
  return copy;
}

const EXTRA_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'id',
  'organizationId',
  'admin',
  'roles',
  'x',
  '',
  'toString',
  'hasOwnProperty',
];

/** A schema-shaped (or known-valid) body, often with one random mutation. */
export function jsonBody(document: OpenApiDocument, operation: Operation, known: KnownValues): fc.Arbitrary<unknown> {
  const shaped = operation.body ? schemaValue(document, operation.body, known) : fc.constant({});
  const valid = known.validBodies[operation.id];
  const base =
    valid === undefined
      ? shaped
      : fc.oneof({ arbitrary: fc.constant(valid), weight: 2 }, { arbitrary: shaped, weight: 1 });
  const mutated = fc
    .tuple(
      base,
      fc.nat(),
      fc.constantFrom<Mutation>(
        'replace',
        'replace',
        'replace',
        'delete',
        'extra',
        'wrap_array',
        'wrap_object',
        'deep',
      ),
      junkValue(known),
      fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 8 })),
      fc.integer({ min: 2, max: 40 }),
    )
    .map(([value, pick, mutation, junk, key, depth]) => mutate(value, pick, mutation, junk, key, depth));
  const twice = fc
    .tuple(mutated, fc.nat(), junkValue(known))
    .map(([value, pick, junk]) => mutate(value, pick, 'replace', junk, 'x', 0));
  return fc.oneof(
    { arbitrary: base, weight: 3 },
    { arbitrary: mutated, weight: 5 },
    { arbitrary: twice, weight: 1 },
    { arbitrary: junkValue(known), weight: 1 },
  );
}

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/merge-patch+json',
  'APPLICATION/JSON',
  'application/json;',
  'application/jsonx',
  'text/json',
  '*/*',
  'application/problem+json',
];
const BROKEN_JSON = [
  '{',
  '{"a":',
  '[1,2',
  '{"a":1,}',
  "{'a':1}",
  'nul',
  '"\\ud800"',
  '{"a":1}{"a":2}',
  '\u0000',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"a":1,"a":2}',
  '1e99999',
  '-',
  '"\\u00"',
  '\uFEFF{}',
  '[]]',
  '{"steps":[[]]}',
  '',
];

/** Bodies that are not JSON, or are JSON under another content type, or nest past the limit. */
export function rawBody(): fc.Arbitrary<Body> {
  const text = fc.oneof(
    fc.constantFrom(...BROKEN_JSON),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.json({ maxDepth: 2 }).map((json) => json.slice(0, Math.max(1, json.length - 1))),
    fc.integer({ min: 33, max: 3000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
    fc.integer({ min: 33, max: 3000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  );
  const contentType = fc.oneof(
    { arbitrary: fc.constant('application/json'), weight: 3 },
    { arbitrary: fc.constantFrom(...CONTENT_TYPES), weight: 2 },
  );
  return fc.tuple(text, contentType).map(([body, type]) => ({ kind: 'raw' as const, text: body, contentType: type }));
}

/** encodeURIComponent for any string: a lone surrogate goes as the UTF-8 bytes Node would send for it (U+FFFD). */
const encode = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.!~*'()]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

const percentBytes = fc
  .uint8Array({ minLength: 1, maxLength: 6 })
  .map((bytes) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''));
const BROKEN_PERCENT = ['%', '%zz', '%C0%80', '%ED%A0%80', '%FF', '%2e%2e', '%2F', '%00', '..', '.', '%252F'];

/** One path parameter, encoded: mostly ids of existing records and other plausible values, sometimes anything. */
export function pathValue(parameter: Parameter, known: KnownValues, collection = ''): fc.Arbitrary<string> {
  const plain: fc.WeightedArbitrary<string>[] = [
    { arbitrary: fc.constantFrom(...known.ids), weight: 6 },
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: fc.integer().map(String), weight: 1 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 1 },
    { arbitrary: fc.constantFrom(...SPECIAL_STRINGS, ...PEOPLE), weight: 1 },
    // Past the router's 100-character limit for a parameter.
    { arbitrary: fc.integer({ min: 90, max: 400 }).map((length) => 'x'.repeat(length)), weight: 1 },
  ];
  const likely = (arbitrary: fc.Arbitrary<string>) => plain.unshift({ arbitrary, weight: 8 });
  if (known.idByCollection[collection]) {
    likely(fc.constant(known.idByCollection[collection]));
  }
  if (parameter.name === 'key') {
    likely(fc.constantFrom(...known.stepKeys));
  }
  if (parameter.name === 'kind') {
    likely(fc.constantFrom(...known.reasonCodes.map((entry) => entry.kind)));
  }
  if (parameter.name === 'code') {
    likely(fc.constantFrom(...known.reasonCodes.map((entry) => entry.code)));
  }
  if (parameter.name === 'version' || parameter.name === 'number') {
    likely(fc.integer({ min: -2, max: 12 }).map(String));
  }
  return fc.oneof(
    { arbitrary: fc.oneof(...plain).map(encode), weight: 8 },
    { arbitrary: percentBytes, weight: 1 },
    { arbitrary: fc.constantFrom(...BROKEN_PERCENT), weight: 1 },
  );
}

/** What a forged cursor's key holds where the service expects a number, a time, an id or a text. */
const cursorPart = (known: KnownValues): fc.Arbitrary<string | number> =>
  fc.oneof(
    fc.constantFrom<string | number>(
      ...SPECIAL_NUMBERS,
      -5,
      1e30,
      ...SPECIAL_STRINGS,
      '2026-01-01T00:00:00.000Z',
      '2026-01-01 10:00:00+00',
    ),
    fc.constantFrom(...known.ids),
    fc.integer(),
    fc.date(DATE_RANGE).map((date) => date.toISOString()),
    fc.string({ maxLength: 12 }),
  );

function queryText(document: OpenApiDocument, parameter: Parameter, known: KnownValues): fc.Arbitrary<string> {
  const typed = schemaValue(document, parameter.schema ?? { type: 'string' }, known, parameter.name).map((value) =>
    typeof value === 'string' ? value : (JSON.stringify(value) ?? ''),
  );
  const cursor = fc
    .oneof(
      { arbitrary: fc.array(cursorPart(known), { minLength: 1, maxLength: 3 }), weight: 3 },
      { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
    )
    .map((key) => Buffer.from(JSON.stringify(key) ?? '').toString('base64url'));
  // Under Node's 16 KB limit for the request head: a longer URL is refused before the app sees it (tested elsewhere).
  const junk = junkValue(known, 3000).map((value) =>
    typeof value === 'string' ? value : (JSON.stringify(value) ?? ''),
  );
  // A cursor's schema says only `string`: what a client would forge is a cursor whose key holds the wrong things.
  const likely = parameter.name === 'cursor' ? cursor : typed;
  const encoded = fc
    .oneof({ arbitrary: likely, weight: 6 }, { arbitrary: cursor, weight: 1 }, { arbitrary: junk, weight: 2 })
    .map(encode);
  return fc.oneof(
    { arbitrary: encoded, weight: 9 },
    { arbitrary: fc.oneof(percentBytes, fc.constantFrom(...BROKEN_PERCENT)), weight: 1 },
  );
}

/** Each documented query parameter maybe present (sometimes twice, which makes it an array), plus unknown ones. */
export function queryPairs(
  document: OpenApiDocument,
  operation: Operation,
  known: KnownValues,
): fc.Arbitrary<string[]> {
  const documented = operation.query.map((parameter) =>
    fc
      .oneof(
        { arbitrary: fc.constant([]), weight: 3 },
        { arbitrary: fc.array(queryText(document, parameter, known), { minLength: 1, maxLength: 2 }), weight: 1 },
      )
      .map((values) => values.map((value) => `${parameter.name}=${value}`)),
  );
  const unknown = fc.array(
    fc.tuple(
      fc.constantFrom('x', '__proto__', 'constructor[prototype]', 'limit[]', 'a[b]', ''),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 2 },
  );
  return fc
    .tuple(fc.tuple(...documented), unknown)
    .map(([pairs, extra]) => [...pairs.flat(), ...extra.map(([name, value]) => `${encode(name)}=${encode(value)}`)]);
}

/** Mostly the signed-in roles that get past the guards (the first two most, as most routes take them), sometimes nobody or a forged token. */
export function requester(roles: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...roles.slice(0, 2)), weight: 8 },
    { arbitrary: fc.constantFrom(...roles.slice(2)), weight: 4 },
    { arbitrary: fc.constantFrom('none', 'forged'), weight: 1 },
  );
}

/** A whole request to one operation. Operations that take no body still get one now and then. */
export function requestFor(
  document: OpenApiDocument,
  operation: Operation,
  known: KnownValues,
  roles: string[],
): fc.Arbitrary<FuzzRequest> {
  const json = jsonBody(document, operation, known).map((value): Body => ({ kind: 'json', value }));
  const body: fc.Arbitrary<Body> = operation.body
    ? fc.oneof(
        { arbitrary: json, weight: 8 },
        { arbitrary: rawBody(), weight: 2 },
        { arbitrary: fc.constant<Body>({ kind: 'none' }), weight: 1 },
      )
    : fc.oneof(
        { arbitrary: fc.constant<Body>({ kind: 'none' }), weight: 8 },
        { arbitrary: json, weight: 1 },
        { arbitrary: rawBody(), weight: 1 },
      );
  return fc.record({
    as: requester(roles),
    pathValues: fc.tuple(
      ...operation.pathParameters.map((parameter) =>
        pathValue(parameter, known, collectionOf(operation, parameter.name)),
      ),
    ),
    query: queryPairs(document, operation, known),
    body,
  });
}

/** The path segment before `{name}`: `cases` in `/api/v1/cases/{id}/close`. */
const collectionOf = (operation: Operation, name: string) =>
  operation.path.split('/').find((_, index, segments) => segments[index + 1] === `{${name}}`) ?? '';

/** The request's URL: path parameters substituted in the order the document lists them. */
export function urlOf(operation: Operation, request: FuzzRequest): string {
  const byName = new Map(
    operation.pathParameters.map((parameter, index) => [parameter.name, request.pathValues[index]]),
  );
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => byName.get(name) ?? '');
  return request.query.length > 0 ? `${path}?${request.query.join('&')}` : path;
}
