import { QueryFailedError, type EntityManager } from 'typeorm';
import { REDACTABLE_AUDIT_FIELDS, RedactableAuditField } from '../audit/audit-redaction';
import { notErasable } from './erasure-rules';
import { isExempt, ScannedColumn, scannedTables } from './personal-data-scan';
import { lockStoredValue, redactStoredValue } from './stored-values.repository';
import { PathSegment, scalarAt, ValueTarget } from './value-paths';

/** One value the scan found: a column of one row, and inside a JSON value or array the path to it. */
export interface ErasureTarget {
  table: string;
  column: string;
  row: Record<string, string>;
  path: PathSegment[];
  target: ValueTarget;
}

export interface ResolvedTarget extends ErasureTarget {
  key: ScannedColumn[];
  columnType: string;
}

/** Tables whose triggers refuse changes: each is changed only through its own database function. */
export const AUDIT_TABLE = 'audit_event';
const ROUTINE_VERSION_TABLE = 'routine_version';

/**
 * Checks the target against the live schema: a scanned, non-exempt column that is not part of the primary key (a
 * key is referenced elsewhere; it needs a data migration), a row key that is exactly the primary key, and for the
 * two frozen tables only the fields their functions redact.
 */
export async function resolveTarget(manager: EntityManager, target: ErasureTarget): Promise<ResolvedTarget> {
  if (isExempt(target.table, target.column)) {
    throw notErasable(
      'column',
      'staff_account_data',
      'Staff account data is kept by design; deactivate the account instead.',
    );
  }
  const [table] = await scannedTables(manager, [target.table]);
  if (!table) {
    throw notErasable('table', 'unknown', 'There is no such table with text or JSON columns.');
  }
  const column = table.columns.find((c) => c.name === target.column);
  if (!column) {
    throw notErasable('column', 'unknown', 'The table has no such text or JSON column.');
  }
  if (table.key.length === 0) {
    throw notErasable('table', 'no_primary_key', 'Rows of this table cannot be named.');
  }
  if (table.key.some((k) => k.name === column.name)) {
    throw notErasable('column', 'key_column', 'A key column cannot take a marker.');
  }
  const names = Object.keys(target.row).sort();
  if (
    names.join() !==
    table.key
      .map((k) => k.name)
      .sort()
      .join()
  ) {
    throw notErasable('row', 'row_key', "The row key must name exactly the table's primary key columns.");
  }
  if (target.table === AUDIT_TABLE && !REDACTABLE_AUDIT_FIELDS.includes(column.name as RedactableAuditField)) {
    throw notErasable(
      'column',
      'audit_field',
      `Only ${REDACTABLE_AUDIT_FIELDS.join(', ')} of an audit event are redacted.`,
    );
  }
  if (target.table === ROUTINE_VERSION_TABLE && column.name !== 'definition') {
    throw notErasable('column', 'frozen_column', 'Only the definition of a published version is redacted.');
  }
  if (target.target === 'key' && target.path.length === 0) {
    throw notErasable('target', 'key_without_path', 'A key target needs a path.');
  }
  return { ...target, key: table.key, columnType: column.type };
}

/** The text at the target now (locking its row), or undefined when the row, the path or the value is not there. */
export async function readTarget(manager: EntityManager, target: ResolvedTarget): Promise<string | undefined> {
  const stored = await lockStoredValue(manager, target);
  return stored === null || stored === undefined ? undefined : scalarAt(JSON.parse(stored), target.path, target.target);
}

/** Replaces the value (or renames the key) with the marker. The audit trail is not changed here (AuditService.redact). */
export function eraseTarget(manager: EntityManager, target: ResolvedTarget): Promise<void> {
  return redactStoredValue(manager, target, target.table === ROUTINE_VERSION_TABLE);
}

/** The database's refusals of a marker (a check, a length, a trigger) and of a path that leads nowhere. */
const TARGET_GONE = new Set(['P0002']);
const MARKER_REFUSED = new Set(['23514', '22001', '23502', '23503', '23505', '42501', '0A000']);

export type ErasureFailure = 'target_gone' | 'marker_refused';

export function erasureFailureOf(error: unknown): ErasureFailure | undefined {
  if (!(error instanceof QueryFailedError)) {
    return undefined;
  }
  const code = String((error as { code?: unknown }).code);
  return TARGET_GONE.has(code) ? 'target_gone' : MARKER_REFUSED.has(code) ? 'marker_refused' : undefined;
}
