import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { RoutineDefinition } from './routine-definition';

export const ROUTINE_DOCUMENT_FORMAT = 'samverkan.routine/v1';
export const ROUTINE_SCHEMA_PATH = '/api/v1/schemas/routine-v1.json';

/** Where an exported routine came from. Provenance only: import ignores it except to check the checksum. */
export interface RoutineDocumentSource {
  routineId: string;
  ownerOrganizationId: string;
  /** The published version exported, or null for a draft. */
  version: number | null;
  checksum: string | null;
}

/** The self-describing exchange format of a routine (JSON Schema at ROUTINE_SCHEMA_PATH). */
export interface RoutineDocument {
  format: typeof ROUTINE_DOCUMENT_FORMAT;
  exportedAt: string;
  source: RoutineDocumentSource;
  routine: RoutineDefinition;
}

/** Hex SHA-256 of the RFC 8785 canonical JSON of a definition: what a published version's checksum is. */
export function definitionChecksum(definition: RoutineDefinition): string {
  const canonical = canonicalize(definition);
  if (canonical === undefined) {
    throw new Error('A routine definition must canonicalise');
  }
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export function routineDocument(
  source: RoutineDocumentSource,
  definition: RoutineDefinition,
  exportedAt: Date,
): RoutineDocument {
  return { format: ROUTINE_DOCUMENT_FORMAT, exportedAt: exportedAt.toISOString(), source, routine: definition };
}
