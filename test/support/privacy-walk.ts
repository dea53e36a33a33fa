import { asHeaderValue, attackValues, requestIdValues, Shape, shapeOf } from './attack-values';
import { findNeedles, IdentifierClass, Spelling, SPELLINGS } from './identifier-spellings';
import { leavesOf, OpenApiDocument, Operation, valueAt, withLeaf } from './openapi-walk';
import type { Example, Target } from './privacy-walk-examples';
import type { Api, Reply, RequestSpec, World } from './privacy-walk-world';

/**
 * The attacks of the privacy walk and the verdict on each reply. No Jest globals: the spec decides what to
 * assert and prints the counts.
 */
export type Location = 'body' | 'query' | 'path' | 'header' | 'content-type';

/**
 * `refused`: any 4xx. `refused_422`: the privacy guard's own answer (e-mail fields, the access reason, where the
 * value fits the format and nothing but the guard can refuse it). `not_recorded`: a correct service may carry the
 * request out (a password is hashed, a caller's request id replaced by its own), but never with the value
 * echoed, logged or stored. `unsupported_media_type`: a JSON body sent as text.
 */
export type Expectation = 'refused' | 'refused_422' | 'not_recorded' | 'unsupported_media_type';

export interface Attack {
  operation: Operation;
  location: Location;
  field: string;
  shape: Shape;
  spelling: Spelling;
  variant: string;
  expectation: Expectation;
  /**
   * Attacks a correct service may carry out (headers it ignores or replaces, secrets it hashes) get a target of
   * their own on an operation that uses its target up.
   */
  freshTarget: boolean;
  request(target: Target): RequestSpec;
}

export interface Verdict {
  attack: Attack;
  status: number;
  milliseconds: number;
  echoed: boolean;
  failures: string[];
}

const REQUEST_ID = 'x-request-id';
const ACCESS_REASON = 'x-access-reason';

/** The request an example describes, with any part replaced. */
export function exampleRequest(
  operation: Operation,
  example: Example,
  world: World,
  target: Target,
  change: {
    path?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): RequestSpec {
  const pathValues = change.path ?? example.path?.(world, target) ?? {};
  const url = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (pathValues[name] === undefined) {
      throw new Error(`${operation.id}: the example gives no value for {${name}}`);
    }
    return encodeURIComponent(pathValues[name]);
  });
  const query = new URLSearchParams(change.query ?? example.query?.(world, target) ?? {}).toString();
  const body = 'body' in change ? change.body : example.body?.(world, target);
  const form = example.form && body !== undefined ? formEncoded(body) : undefined;
  return {
    method: operation.method,
    url: query ? `${url}?${query}` : url,
    token: example.token?.(world, target),
    body: form ? undefined : body,
    rawBody: form ? { text: form, contentType: 'application/x-www-form-urlencoded' } : undefined,
    headers: example.headers || change.headers ? { ...example.headers?.(world, target), ...change.headers } : undefined,
  };
}

/** A flat body, form-encoded (RFC 6749's token requests). */
const formEncoded = (body: unknown) =>
  new URLSearchParams(
    Object.entries(body as Record<string, unknown>).map(([name, value]): [string, string] => [name, String(value)]),
  ).toString();

const expectationOf = (shape: Shape): Expectation =>
  shape === 'secret' ? 'not_recorded' : shape === 'email' ? 'refused_422' : 'refused';

/** The first spelling of every class: enough where the format alone refuses every spelling (ids, dates, enums, numbers). */
export const ONE_PER_CLASS = SPELLINGS.filter(
  (spelling, index) => SPELLINGS.findIndex((other) => other.class === spelling.class) === index,
);
/** One identity number, one phone number, one e-mail address. */
export const REPRESENTATIVES = SPELLINGS.filter((spelling) =>
  ['pin12-plain', 'phone-plus46', 'email-plain'].includes(spelling.name),
);
const ONE = REPRESENTATIVES.slice(0, 1);

/**
 * Which spellings a field gets. Every one where the spelling decides whether a detector sees it: text, codes,
 * references, URLs, e-mail fields. One per class where every spelling turns into the same digits (durations,
 * digit-only codes, measures) or the format refuses them all but a forged value could get in (cursors). The
 * representatives where the format refuses every spelling alike (enums, numbers, booleans, dates; ids get every
 * UUID-shaped one too). A single one for secrets: hashed whatever their spelling, and each costs a password hash.
 */
function spellingsFor(shape: Shape): Spelling[] {
  switch (shape) {
    case 'secret':
      return ONE;
    case 'enum':
    case 'number':
    case 'boolean':
    case 'date':
      return REPRESENTATIVES;
    case 'uuid':
      return SPELLINGS.filter((spelling) => REPRESENTATIVES.includes(spelling) || spelling.class === 'uuid_shaped');
    case 'digits':
    case 'measure':
    case 'duration':
    case 'cursor':
      return ONE_PER_CLASS;
    case 'free':
    case 'code':
    case 'dotted_code':
    case 'reference':
    case 'email':
    case 'url':
      return SPELLINGS;
  }
}

/** Shapes whose dressed variant is the attack: the raw spelling (refused by the format alone) only once per class. */
const DRESSED: Shape[] = ['code', 'dotted_code', 'reference'];

/** Every value to send for one field: its spellings, each dressed to fit, without raw spellings the format refuses anyway. */
function valuesFor(shape: Shape): { spelling: Spelling; variant: string; value: unknown }[] {
  return spellingsFor(shape).flatMap((spelling) =>
    attackValues(spelling, shape)
      .filter(({ variant }) => variant !== 'raw' || !DRESSED.includes(shape) || ONE_PER_CLASS.includes(spelling))
      .map((value) => ({ spelling, ...value })),
  );
}

/**
 * Every attack on one operation: each leaf, parameter and recorded header, with each spelling dressed to fit.
 * The header handling is the same on every route, so headers get the representatives, one identity number on
 * operations that use up their target (each header attack there needs a target of its own) or cost a password
 * hash when carried out, and every spelling where `allHeaderSpellings`.
 */
export function attacksOn(
  document: OpenApiDocument,
  operation: Operation,
  example: Example,
  world: World,
  allHeaderSpellings = false,
): Attack[] {
  const attacks: Attack[] = [];
  const consumes = example.target !== undefined;
  const add = (
    location: Location,
    field: string,
    shape: Shape,
    spelling: Spelling,
    variant: string,
    expectation: Expectation,
    request: Attack['request'],
  ) =>
    attacks.push({
      operation,
      location,
      field,
      shape,
      spelling,
      variant,
      expectation,
      freshTarget: consumes && (location === 'header' || expectation === 'not_recorded'),
      request,
    });
  const probeTarget: Target = {};

  if (operation.body) {
    const sampleBody = example.body?.(world, probeTarget) ?? {};
    for (const leaf of leavesOf(document, operation.body)) {
      const shape = shapeOf(leaf.schema, leaf.name, valueAt(sampleBody, leaf.segments));
      for (const { spelling, variant, value } of valuesFor(shape)) {
        // A map the example leaves empty gets one entry whose value is an organisation id (the one map, `owners`, maps to those).
        add('body', leaf.label, shape, spelling, variant, expectationOf(shape), (target) =>
          exampleRequest(operation, example, world, target, {
            body: withLeaf(example.body?.(world, target) ?? {}, leaf.segments, value, world.org.a),
          }),
        );
      }
    }
    const firstText = leavesOf(document, operation.body).find(
      (leaf) => shapeOf(leaf.schema, leaf.name, valueAt(sampleBody, leaf.segments)) === 'free',
    );
    const spelling = SPELLINGS.find((entry) => entry.name === 'pin12-plain') as Spelling;
    // A form-only endpoint refuses other bodies as it refuses a bad form (RFC 6749: invalid_request), not with 415.
    const expectation = example.form ? 'refused' : 'unsupported_media_type';
    add('content-type', 'text/plain', 'free', spelling, 'json-as-text', expectation, (target) => {
      const valid = example.body?.(world, target) ?? {};
      const body = firstText
        ? withLeaf(valid, firstText.segments, `Uppföljning enligt ${spelling.text} klar`, undefined)
        : { ...valid, note: spelling.text };
      return {
        ...exampleRequest(operation, example, world, target, { body: undefined }),
        rawBody: { text: JSON.stringify(body), contentType: 'text/plain' },
      };
    });
  }

  for (const parameter of operation.query) {
    const sample = example.query?.(world)[parameter.name];
    const shape = shapeOf(parameter.schema ?? {}, parameter.name, sample);
    for (const { spelling, variant, value } of valuesFor(shape)) {
      add('query', parameter.name, shape, spelling, variant, expectationOf(shape), (target) =>
        exampleRequest(operation, example, world, target, {
          query: { ...(example.query?.(world) ?? {}), [parameter.name]: String(value) },
        }),
      );
    }
  }

  for (const parameter of operation.pathParameters) {
    const sample = example.path?.(world, consumes ? { id: '00000000-0000-4000-8000-000000000000' } : probeTarget)[
      parameter.name
    ];
    const shape = shapeOf({ type: 'string' }, parameter.name, sample);
    for (const { spelling, variant, value } of valuesFor(shape)) {
      add('path', parameter.name, shape, spelling, variant, 'refused', (target) =>
        exampleRequest(operation, example, world, target, {
          path: { ...(example.path?.(world, target) ?? {}), [parameter.name]: String(value) },
        }),
      );
    }
  }

  // RFC 6749 §2.3.1: the client authenticates by HTTP Basic, the form then carrying the grant alone.
  if (example.form) {
    for (const spelling of REPRESENTATIVES) {
      const basic = Buffer.from(`${encodeURIComponent(spelling.text)}:${encodeURIComponent(spelling.text)}`).toString(
        'base64',
      );
      add('header', 'authorization', 'free', spelling, 'basic', 'refused', (target) =>
        exampleRequest(operation, example, world, target, {
          body: { grant_type: 'client_credentials' },
          headers: { authorization: `Basic ${basic}` },
        }),
      );
    }
  }

  for (const spelling of allHeaderSpellings ? SPELLINGS : consumes || example.hashesPassword ? ONE : REPRESENTATIVES) {
    const reason = asHeaderValue(`Uppföljning enligt ${spelling.text}`);
    add('header', ACCESS_REASON, 'free', spelling, 'in-text', 'refused_422', (target) =>
      exampleRequest(operation, example, world, target, { headers: { [ACCESS_REASON]: reason } }),
    );
    for (const { variant, value } of requestIdValues(spelling)) {
      const id = asHeaderValue(String(value));
      add('header', REQUEST_ID, 'free', spelling, variant, 'not_recorded', (target) =>
        exampleRequest(operation, example, world, target, { headers: { [REQUEST_ID]: id } }),
      );
    }
  }
  return attacks;
}

/** The verdict on one reply: the expected status, and no part of the identifier in the body or any header. */
export function judge(attack: Attack, reply: Reply, milliseconds = 0): Verdict {
  const failures: string[] = [];
  const { status } = reply;
  if (status >= 500) {
    failures.push(`status ${status}`);
  } else if (attack.expectation === 'refused' && (status < 400 || status > 499)) {
    failures.push(`status ${status}`);
  } else if (attack.expectation === 'refused_422' && status !== 422) {
    failures.push(`status ${status}`);
  } else if (attack.expectation === 'unsupported_media_type' && status !== 415) {
    failures.push(`status ${status}`);
  }
  const echoed = findNeedles(`${reply.text}\n${Object.values(reply.headers).join('\n')}`, [attack.spelling]).length > 0;
  if (echoed) {
    failures.push('echoed');
  }
  return { attack, status, milliseconds, echoed, failures };
}

/** Runs `work` over `items` with at most `concurrency` at a time, results in order. */
export async function pool<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]);
      }
    }),
  );
  return results;
}

export async function runAttack(api: Api, attack: Attack, target: Target): Promise<Verdict> {
  const started = performance.now();
  const reply = await api(attack.request(target));
  return judge(attack, reply, performance.now() - started);
}

/** The operations that took longest, summed over their requests: where the walk's time goes. */
export function slowest(verdicts: Verdict[], count = 5): string {
  const byOperation = new Map<string, { total: number; requests: number }>();
  for (const { attack, milliseconds } of verdicts) {
    const entry = byOperation.get(attack.operation.id) ?? { total: 0, requests: 0 };
    byOperation.set(attack.operation.id, { total: entry.total + milliseconds, requests: entry.requests + 1 });
  }
  return [...byOperation.entries()]
    .sort((a, b) => b[1].total - a[1].total)
    .slice(0, count)
    .map(
      ([id, { total, requests }]) =>
        `${id} ${(total / 1000).toFixed(1)} s / ${requests} (${(total / requests).toFixed(0)} ms each)`,
    )
    .join('; ');
}

/** `op location:field` → spelling names (with class) that failed, grouped by what went wrong. */
export function groupFailures(verdicts: Verdict[]): string[] {
  const groups = new Map<string, Map<string, Set<string>>>();
  for (const verdict of verdicts) {
    if (verdict.failures.length === 0) {
      continue;
    }
    const { attack } = verdict;
    const key = `${attack.operation.id} ${attack.location}:${attack.field}`;
    const byProblem = groups.get(key) ?? new Map<string, Set<string>>();
    for (const failure of verdict.failures) {
      const names = byProblem.get(failure) ?? new Set<string>();
      names.add(
        `${attack.spelling.name}${attack.variant === 'raw' || attack.variant === 'in-text' ? '' : `/${attack.variant}`}`,
      );
      byProblem.set(failure, names);
    }
    groups.set(key, byProblem);
  }
  return [...groups.entries()].map(
    ([key, byProblem]) =>
      `${key}: ${[...byProblem.entries()].map(([problem, names]) => `${problem} ← ${[...names].join(', ')}`).join('; ')}`,
  );
}

/** Counts per identifier class: requests sent. */
export function countsByClass(verdicts: Verdict[]): Record<IdentifierClass, number> {
  return countBy(verdicts, ({ attack }) => attack.spelling.class);
}

export function countBy<K extends string>(verdicts: Verdict[], key: (verdict: Verdict) => K): Record<K, number> {
  const counts = {} as Record<K, number>;
  for (const verdict of verdicts) {
    counts[key(verdict)] = (counts[key(verdict)] ?? 0) + 1;
  }
  return counts;
}
