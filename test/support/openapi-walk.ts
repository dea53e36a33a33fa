/**
 * The API as its OpenAPI document describes it: every operation, and in each every request-body leaf (nested
 * objects, array elements, map keys and values), query parameter and path parameter. A field added to a DTO
 * shows up here without anyone editing a test. No Jest globals.
 */

export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  maxLength?: number;
  nullable?: boolean;
}

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>
  >;
  components: { schemas: Record<string, Schema> };
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Operation {
  /** `POST /api/v1/cases/{id}/close` */
  id: string;
  method: HttpMethod;
  path: string;
  query: Parameter[];
  pathParameters: Parameter[];
  body?: Schema;
}

/** A map's key (`owners{key}`) or value (`owners{value}`). */
export const MAP_KEY = Symbol('map key');
export const MAP_VALUE = Symbol('map value');
export type Segment = string | number | typeof MAP_KEY | typeof MAP_VALUE;

export interface Leaf {
  segments: Segment[];
  /** `steps[0].dependsOn[0]`, `owners{key}` */
  label: string;
  /** The leaf's own name (last property name), for shape decisions such as `url`. */
  name: string;
  schema: Schema;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      const content = operation.requestBody?.content ?? {};
      const body = Object.values(content)[0]?.schema;
      return {
        id: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase() as HttpMethod,
        path,
        query: parameters.filter((parameter) => parameter.in === 'query'),
        pathParameters: parameters.filter((parameter) => parameter.in === 'path'),
        body: body ? resolve(document, body) : undefined,
      };
    }),
  );
}

/** `$ref` and single `allOf` resolved, other keywords of the referring schema (example, format) kept. */
export function resolve(document: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) {
    const target = document.components.schemas[schema.$ref.split('/').pop() as string];
    if (!target) {
      throw new Error(`unresolved ${schema.$ref}`);
    }
    const rest: Schema = { ...schema };
    delete rest.$ref;
    return { ...resolve(document, target), ...rest };
  }
  if (schema.allOf?.length === 1) {
    const { allOf, ...rest } = schema;
    return { ...resolve(document, allOf[0]), ...rest };
  }
  return schema;
}

const labelOf = (segments: Segment[]) =>
  segments
    .map((segment, index) =>
      segment === MAP_KEY
        ? '{key}'
        : segment === MAP_VALUE
          ? '{value}'
          : typeof segment === 'number'
            ? `[${segment}]`
            : index === 0
              ? segment
              : `.${segment}`,
    )
    .join('');

/** Every primitive leaf of a body schema: strings, numbers and booleans, however deep. */
export function leavesOf(document: OpenApiDocument, root: Schema): Leaf[] {
  const leaves: Leaf[] = [];
  const walk = (raw: Schema, segments: Segment[], name: string, depth: number) => {
    if (depth > 8) {
      throw new Error(`schema nested too deep at ${labelOf(segments)}`);
    }
    const schema = resolve(document, raw);
    if (schema.type === 'array' || schema.items) {
      // An element's example is the array's first example element when the element schema has none of its own.
      const items = resolve(document, schema.items ?? {});
      const example = items.example ?? (Array.isArray(schema.example) ? (schema.example as unknown[])[0] : undefined);
      walk({ ...items, ...(example === undefined ? {} : { example }) }, [...segments, 0], name, depth + 1);
      return;
    }
    if (schema.properties) {
      for (const [property, child] of Object.entries(schema.properties)) {
        walk(child, [...segments, property], property, depth + 1);
      }
      return;
    }
    if (schema.type === 'object' || schema.additionalProperties) {
      const value = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : { type: 'string' };
      leaves.push({
        segments: [...segments, MAP_KEY],
        label: labelOf([...segments, MAP_KEY]),
        name,
        schema: { type: 'string', example: 'map_key' },
      });
      walk(value, [...segments, MAP_VALUE], name, depth + 1);
      return;
    }
    leaves.push({ segments, label: labelOf(segments), name, schema });
  };
  walk(root, [], '', 0);
  return leaves;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The value at a leaf in an example body, if there is one (a map's first key or value). */
export function valueAt(body: unknown, segments: Segment[]): unknown {
  let current: unknown = body;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    if (segment === MAP_KEY) {
      return Object.keys(current)[0];
    }
    if (segment === MAP_VALUE) {
      current = Object.values(current)[0];
    } else {
      current = (current as Record<string | number, unknown>)[segment];
    }
  }
  return current;
}

/**
 * A copy of `body` with `value` at the leaf, containers created where the example has none. When the replaced
 * value is a string that the body uses elsewhere too (a step key that other steps depend on, an id named twice),
 * every use is replaced, so the request stays consistent and only the attack can make it fail.
 */
export function withLeaf(body: unknown, segments: Segment[], value: unknown, fallbackMapValue: unknown): unknown {
  const previous = valueAt(body, segments);
  const copy = structuredClone(body ?? {}) as Json;
  let container: Json = copy;
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index];
    const last = index === segments.length - 1;
    const holder = container as Record<string | number, Json>;
    if (segment === MAP_KEY || segment === MAP_VALUE) {
      const entries = Object.entries(holder);
      const [key, existing] = entries[0] ?? ['map_key', fallbackMapValue as Json];
      for (const name of Object.keys(holder)) {
        delete holder[name];
      }
      if (segment === MAP_KEY) {
        holder[value as string] = existing;
      } else if (last) {
        holder[key] = value as Json;
      } else {
        holder[key] = existing ?? {};
        container = holder[key];
        continue;
      }
      break;
    }
    if (last) {
      holder[segment] = value as Json;
      break;
    }
    const next = segments[index + 1];
    if (holder[segment] === undefined || holder[segment] === null || typeof holder[segment] !== 'object') {
      holder[segment] = typeof next === 'number' ? [] : {};
    }
    container = holder[segment];
  }
  if (typeof previous === 'string' && previous.length >= 3 && typeof value === 'string') {
    return replaceEverywhere(copy, previous, value);
  }
  return copy;
}

function replaceEverywhere(node: Json, from: string, to: string): Json {
  if (node === from) {
    return to;
  }
  if (Array.isArray(node)) {
    return node.map((element) => replaceEverywhere(element, from, to));
  }
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, child]) => [key === from ? to : key, replaceEverywhere(child, from, to)]),
    );
  }
  return node;
}
