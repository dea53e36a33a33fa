import type { EntityManager } from 'typeorm';
import type { ResolvedTarget } from './erasure-target';
import type { ScannedColumn } from './personal-data-scan';

/**
 * The SQL of the privacy scan and of erasure. Its tables are whichever the live schema has (it reads the catalogue,
 * so a new table is covered without code changes): the one place where statements name other features' tables, by
 * quoted identifiers taken from the catalogue, never from a request.
 */

export const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

export interface CatalogueColumn {
  table_name: string;
  column_name: string;
  type: string;
}

/** The base tables' columns of the given types (`udt_name`), optionally of the named tables only, in column order. */
export function columnsOfTypes(
  manager: EntityManager,
  types: readonly string[],
  only: string[] | undefined,
): Promise<CatalogueColumn[]> {
  return manager.query<CatalogueColumn[]>(
    `SELECT c.table_name, c.column_name, format_type(a.atttypid, a.atttypmod) AS type
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
       JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
      WHERE c.table_schema = current_schema() AND c.udt_name = ANY($1) AND ($2::text[] IS NULL OR c.table_name = ANY($2))
      ORDER BY c.table_name, c.ordinal_position`,
    [types, only ?? null],
  );
}

/** Every table's primary key columns, in key order. */
export function primaryKeyColumns(manager: EntityManager): Promise<CatalogueColumn[]> {
  return manager.query<CatalogueColumn[]>(
    `SELECT rel.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_index i
       JOIN pg_class rel ON rel.oid = i.indrelid AND rel.relnamespace = current_schema()::regnamespace
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indisprimary
      ORDER BY rel.relname, k.position`,
  );
}

/**
 * One keyset batch of a table: its key columns as text (`k0`, `k1` …) and the scanned columns as
 * `to_jsonb(column)::text` (`c0`, `c1` …), after the key `last` (from the start when undefined).
 */
export function scanBatch(
  manager: EntityManager,
  table: string,
  key: ScannedColumn[],
  columns: ScannedColumn[],
  last: string[] | undefined,
  batchSize: number,
): Promise<Record<string, string | null>[]> {
  const keyList = key.map((k) => quote(k.name)).join(', ');
  const select = [
    ...key.map((k, i) => `${quote(k.name)}::text AS k${i}`),
    ...columns.map((column, i) => `to_jsonb(${quote(column.name)})::text AS c${i}`),
  ].join(', ');
  const after = `(${keyList}) > (${key.map((k, i) => `$${i + 1}::${k.type}`).join(', ')})`;
  return manager.query<Record<string, string | null>[]>(
    `SELECT ${select} FROM ${quote(table)} ${last ? `WHERE ${after}` : ''} ORDER BY ${keyList} LIMIT ${batchSize}`,
    last ?? [],
  );
}

const rowCondition = (target: ResolvedTarget, firstParameter: number) =>
  `(${target.key.map((k) => quote(k.name)).join(', ')}) = (${target.key.map((k, i) => `$${firstParameter + i}::${k.type}`).join(', ')})`;

const rowValues = (target: ResolvedTarget) => target.key.map((k) => target.row[k.name]);

/** The target's column as JSON text, locking its row; undefined when the row is not there. */
export async function lockStoredValue(
  manager: EntityManager,
  target: ResolvedTarget,
): Promise<string | null | undefined> {
  const rows = await manager.query<{ value: string | null }[]>(
    `SELECT to_jsonb(${quote(target.column)})::text AS value FROM ${quote(target.table)} WHERE ${rowCondition(target, 1)} FOR UPDATE`,
    rowValues(target),
  );
  return rows[0]?.value;
}

/**
 * Replaces the value (or renames the key) with the marker. The replacing is done by the database function
 * `erasure_redact_jsonb` for every column type (text, arrays and JSON alike, read as jsonb and cast back), so there
 * is one definition of what a redaction does; a published routine version through `routine_version_redact`.
 */
export async function redactStoredValue(
  manager: EntityManager,
  target: ResolvedTarget,
  frozenRoutineVersion: boolean,
): Promise<void> {
  const parameters = [JSON.stringify(target.path), target.target, ...rowValues(target)];
  if (frozenRoutineVersion) {
    await manager.query(`SELECT routine_version_redact($3::uuid, $4::integer, $1::jsonb, $2)`, parameters);
    return;
  }
  const column = quote(target.column);
  const redacted = `erasure_redact_jsonb(to_jsonb(${column}), $1::jsonb, $2)`;
  const type = target.columnType;
  const value =
    type === 'jsonb'
      ? redacted
      : type === 'json'
        ? `${redacted}::json`
        : type.endsWith('[]')
          ? `ARRAY(SELECT e FROM jsonb_array_elements_text(${redacted}) WITH ORDINALITY AS a(e, n) ORDER BY n)::${type}`
          : `(${redacted} #>> '{}')::${type}`;
  await manager.query(
    `UPDATE ${quote(target.table)} SET ${column} = ${value} WHERE ${rowCondition(target, 3)}`,
    parameters,
  );
}
