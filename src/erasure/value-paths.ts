/**
 * Paths into a stored value, as the scan reports them and an erasure request names them. Every scanned column is
 * read as `to_jsonb(column)`, so a text column is a JSON string at the empty path, a text[] an array, and json/jsonb
 * itself. A segment is an object key, an array index, or `{ keyAt }`: the position of a key in jsonb's own key order,
 * used wherever the key itself holds personal data, so that no path ever spells out the value it leads to.
 * The SQL function `erasure_redact_jsonb` (migration ErasureAndRedaction) resolves the same segments the same way.
 */
export type KeyPosition = { keyAt: number };
export type PathSegment = string | number | KeyPosition;

/** `value`: the string (or number) at the path; `key`: the object key the path's last segment names. */
export type ValueTarget = 'value' | 'key';

export interface ScalarAt {
  path: PathSegment[];
  target: ValueTarget;
  text: string;
}

export const REDACTION_MARKER = '[redacted]';

const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');

/** jsonb keeps an object's keys shorter first, then bytewise: the order `jsonb_object_keys` returns them in. */
export function jsonbKeyOrder(keys: string[]): string[] {
  return [...keys].sort(
    (a, b) => utf8Length(a) - utf8Length(b) || Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')),
  );
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every string and number leaf, and every object key, of a JSON value, depth first. `flagged(key)` says whether a
 * key holds personal data: such a key appears in paths (its own and its descendants') as its position only.
 */
export function* scalarsOf(
  value: unknown,
  flagged: (key: string) => boolean,
  path: PathSegment[] = [],
): Generator<ScalarAt> {
  if (typeof value === 'string' || typeof value === 'number') {
    yield { path, target: 'value', text: String(value) };
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      yield* scalarsOf(item, flagged, [...path, index]);
    }
  } else if (isObject(value)) {
    for (const [position, key] of jsonbKeyOrder(Object.keys(value)).entries()) {
      const segment: PathSegment = flagged(key) ? { keyAt: position } : key;
      yield { path: [...path, segment], target: 'key', text: key };
      yield* scalarsOf(value[key], flagged, [...path, segment]);
    }
  }
}

/** Resolves a path to the scalar it names: the text of a leaf (target value) or a key (target key); undefined if nothing is there. */
export function scalarAt(value: unknown, path: PathSegment[], target: ValueTarget): string | undefined {
  if (target === 'key' && path.length === 0) {
    return undefined;
  }
  let node = value;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    let key: string | undefined;
    if (Array.isArray(node) && typeof segment === 'number') {
      if (last && target === 'key') {
        return undefined;
      }
      node = node[segment];
      continue;
    }
    if (!isObject(node)) {
      return undefined;
    }
    if (typeof segment === 'string') {
      key = segment;
    } else if (typeof segment === 'object') {
      key = jsonbKeyOrder(Object.keys(node))[segment.keyAt];
    }
    if (key === undefined || !Object.hasOwn(node, key)) {
      return undefined;
    }
    if (last && target === 'key') {
      return key;
    }
    node = node[key];
  }
  return typeof node === 'string' || typeof node === 'number' ? String(node) : undefined;
}
