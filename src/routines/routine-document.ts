import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { RoutineDefinition } from './routine-definition';

/** The first exchange format: no conditions, assessments or strategy period. Still imported. */
export const ROUTINE_DOCUMENT_FORMAT_V1 = 'samverkan.routine/v1';
export const ROUTINE_SCHEMA_PATH_V1 = '/api/v1/schemas/routine-v1.json';
/** The format export writes: v1 plus step conditions (`when`), assessments and the routine's strategy period. */
export const ROUTINE_DOCUMENT_FORMAT = 'samverkan.routine/v2';
export const ROUTINE_SCHEMA_PATH = '/api/v1/schemas/routine-v2.json';
export const ROUTINE_DOCUMENT_FORMATS = [ROUTINE_DOCUMENT_FORMAT_V1, ROUTINE_DOCUMENT_FORMAT] as const;
export type RoutineDocumentFormat = (typeof ROUTINE_DOCUMENT_FORMATS)[number];

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
  format: RoutineDocumentFormat;
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

/** The parts of a definition that v1 cannot carry, as the fields that hold them (for a 422 on a v1 import). */
export function partsBeyondV1(definition: RoutineDefinition): string[] {
  return [
    ...(definition.period === undefined ? [] : ['period']),
    ...definition.steps.flatMap((step, index) => [
      ...(step.when === undefined ? [] : [`steps[${index}].when`]),
      ...(step.assessment === undefined ? [] : [`steps[${index}].assessment`]),
    ]),
  ];
}
