import type { EntityManager } from 'typeorm';
import { findPersonalData, PersonalDataKind } from '../privacy/personal-data-detector';
import { columnsOfTypes, primaryKeyColumns, scanBatch } from './stored-values.repository';
import { PathSegment, scalarsOf, ValueTarget } from './value-paths';

/**
 * Columns that hold staff account data by design (docs/data-protection.md, "Tables"): the scan leaves them alone,
 * and erasure refuses them (an account is deactivated, not erased value by value). The only exemptions.
 */
export const SCAN_EXEMPTIONS: ReadonlyArray<{ table: string; column: string; why: string }> = [
  { table: 'app_user', column: 'email', why: "a staff member's sign-in e-mail" },
  {
    table: 'login_failure',
    column: 'key',
    why: '`account:<staff e-mail>` or `address:<client IP>` for sign-in throttling',
  },
];

export const isExempt = (table: string, column: string) =>
  SCAN_EXEMPTIONS.some((e) => e.table === table && e.column === column);

/**
 * Hex digests the service makes itself (SHA-256 checksums of routine versions, in their column and in audit data;
 * `msg_` + an id in hex for webhook messages). The detector reads runs of hex digits as phone numbers — it flags
 * 3.3 % of random SHA-256 digests and 1.6 % of message ids (10,000 of each) — findings nobody could clear, so a
 * value of exactly this shape is not taken for personal data, by the scan or by erasure.
 */
const MACHINE_MADE = /^(?:msg_)?(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/;

/** The kind of personal data in a stored value: the detector's answer, except for machine-made digests. */
export const storedPersonalData = (text: string): PersonalDataKind | null =>
  MACHINE_MADE.test(text) ? null : findPersonalData(text);

/** Text, character, json and jsonb columns, and arrays of the character types: everything that can carry an identifier. */
export const SCANNED_TYPES = ['text', 'varchar', 'bpchar', 'json', 'jsonb', '_text', '_varchar', '_bpchar'];

/** Put in a reported row key wherever a key column's own value holds personal data. */
export const MASKED_KEY_VALUE = '[personal data]';

export interface ScannedTable {
  name: string;
  /** Primary key columns with their SQL types, in key order; empty for a table without one (then rows are keyed by ctid). */
  key: ScannedColumn[];
  columns: ScannedColumn[];
}

/** A column with its SQL type as `format_type` spells it (`character varying(500)`, `text[]`, `jsonb`). */
export interface ScannedColumn {
  name: string;
  type: string;
}

export interface Finding {
  table: string;
  column: string;
  row: Record<string, string>;
  /** Only when the value is inside a JSON document or array. */
  path?: PathSegment[];
  target: ValueTarget;
  kind: PersonalDataKind;
}

export interface ScanSummary {
  tables: number;
  columns: number;
  rows: number;
  findings: number;
}

/** The app's tables and their scanned columns, from information_schema: a new table is covered without code changes. */
export async function scannedTables(manager: EntityManager, only?: string[]): Promise<ScannedTable[]> {
  const rows = await columnsOfTypes(manager, SCANNED_TYPES, only);
  const keys = await primaryKeyColumns(manager);
  const tables = new Map<string, ScannedTable>();
  for (const row of rows) {
    if (isExempt(row.table_name, row.column_name)) {
      continue;
    }
    const table = tables.get(row.table_name) ?? { name: row.table_name, key: [], columns: [] };
    table.columns.push({ name: row.column_name, type: row.type });
    tables.set(row.table_name, table);
  }
  for (const key of keys) {
    tables.get(key.table_name)?.key.push({ name: key.column_name, type: key.type });
  }
  return [...tables.values()];
}

/**
 * Reads one table in keyset batches on its primary key (constant memory, however many rows), every scanned column as
 * `to_jsonb(column)::text`, and hands each finding to `report`. Never reads or returns more than codes and keys.
 */
export async function scanTable(
  manager: EntityManager,
  table: ScannedTable,
  report: (finding: Finding) => void,
  batchSize: number,
): Promise<number> {
  const key = table.key.length > 0 ? table.key : [{ name: 'ctid', type: 'tid' }];
  const detect = cachedDetector();
  let last: string[] | undefined;
  let rows = 0;
  for (;;) {
    const batch = await scanBatch(manager, table.name, key, table.columns, last, batchSize);
    for (const record of batch) {
      const keyValues = key.map((_, i) => record[`k${i}`] as string);
      const row = Object.fromEntries(
        key.map((k, i) => [k.name, detect(keyValues[i]) ? MASKED_KEY_VALUE : keyValues[i]]),
      );
      table.columns.forEach((column, i) => {
        const json = record[`c${i}`];
        if (json !== null) {
          for (const hit of findingsIn(JSON.parse(json), detect)) {
            report({ table: table.name, column: column.name, row, ...hit });
          }
        }
      });
      last = keyValues;
    }
    rows += batch.length;
    if (batch.length < batchSize) {
      return rows;
    }
  }
}

type Detect = (text: string) => PersonalDataKind | null;

const CACHED_TEXT_LENGTH = 100;
const CACHE_ENTRIES = 10_000;

/**
 * The detector, remembering its answer for short texts: JSON keys and codes (`stepKey`, `meeting_held`) repeat in
 * every row, and each key is asked twice (for its path, then as a finding). Bounded: cleared when full.
 */
export function cachedDetector(detect: Detect = storedPersonalData): Detect {
  const cache = new Map<string, PersonalDataKind | null>();
  return (text) => {
    if (text.length > CACHED_TEXT_LENGTH) {
      return detect(text);
    }
    const known = cache.get(text);
    if (known !== undefined) {
      return known;
    }
    if (cache.size >= CACHE_ENTRIES) {
      cache.clear();
    }
    const kind = detect(text);
    cache.set(text, kind);
    return kind;
  };
}

/** Every scalar and key of a stored value that the detector flags, with its path (omitted for the value itself). */
export function findingsIn(
  value: unknown,
  detect: Detect = storedPersonalData,
): Pick<Finding, 'path' | 'target' | 'kind'>[] {
  const found: Pick<Finding, 'path' | 'target' | 'kind'>[] = [];
  for (const scalar of scalarsOf(value, (key) => detect(key) !== null)) {
    const kind = detect(scalar.text);
    if (kind) {
      found.push({ ...(scalar.path.length > 0 ? { path: scalar.path } : {}), target: scalar.target, kind });
    }
  }
  return found;
}

/** Scans every table (or those named), table by table. */
export async function scanDatabase(
  manager: EntityManager,
  report: (finding: Finding) => void,
  options: { tables?: string[]; batchSize?: number } = {},
): Promise<ScanSummary> {
  const tables = await scannedTables(manager, options.tables);
  const summary: ScanSummary = { tables: tables.length, columns: 0, rows: 0, findings: 0 };
  for (const table of tables) {
    summary.columns += table.columns.length;
    summary.rows += await scanTable(
      manager,
      table,
      (finding) => {
        summary.findings += 1;
        report(finding);
      },
      options.batchSize ?? 1000,
    );
  }
  return summary;
}
