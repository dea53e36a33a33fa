import { ORGANIZATION_TYPES } from '../organizations/organization-type';
import { DUE_FROM_VALUES, MAX_STEPS } from './dto/routine-definition.dto';
import {
  ROUTINE_DOCUMENT_FORMAT,
  ROUTINE_DOCUMENT_FORMAT_V1,
  ROUTINE_SCHEMA_PATH,
  ROUTINE_SCHEMA_PATH_V1,
} from './routine-document';
import { CODE_PATTERN, STEP_KEY_PATTERN } from '../common/validation/codes';
import { ISO_DURATION_PATTERN } from './routine-rules';

const key = { type: 'string', pattern: STEP_KEY_PATTERN.source };
const duration = {
  type: 'string',
  pattern: ISO_DURATION_PATTERN.source,
  description: 'Positive ISO 8601 duration, e.g. P10D or PT4H',
};
const nullableDuration = { anyOf: [duration, { type: 'null' }] };

/**
 * JSON Schema (draft 2020-12) of the routine exchange document. It states the shape and the formats; the rules it
 * cannot state (dependsOn names existing steps, no cycle, goals and measures exist in the current strategy and a
 * measure belongs to one of the routine's goals, durations are not zero) are checked on import and answered with
 * 422 naming the field.
 */
export const ROUTINE_DOCUMENT_SCHEMA_V1 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `urn:samverkan:schema:${ROUTINE_DOCUMENT_FORMAT_V1}`,
  title: 'Samverkan routine, exchange format v1',
  description: `Served at ${ROUTINE_SCHEMA_PATH_V1}. Produced until v2 by GET /api/v1/routines/{id}/export, read by POST /api/v1/routines/import.`,
  type: 'object',
  additionalProperties: false,
  required: ['format', 'routine'],
  properties: {
    format: { const: ROUTINE_DOCUMENT_FORMAT_V1 },
    exportedAt: { type: 'string', format: 'date-time' },
    source: {
      type: 'object',
      description:
        'Provenance of an exported routine; ignored on import except that a checksum must match the routine.',
      additionalProperties: false,
      required: ['routineId', 'ownerOrganizationId'],
      properties: {
        routineId: { type: 'string', format: 'uuid' },
        ownerOrganizationId: { type: 'string', format: 'uuid' },
        version: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] },
        checksum: { anyOf: [{ type: 'string', pattern: '^[0-9a-f]{64}$' }, { type: 'null' }] },
      },
    },
    routine: { $ref: '#/$defs/routine' },
  },
  $defs: {
    routine: {
      type: 'object',
      additionalProperties: false,
      required: ['title', 'goals', 'measures', 'steps'],
      properties: {
        title: { type: 'string', minLength: 1, maxLength: 200 },
        description: { anyOf: [{ type: 'string', maxLength: 4000 }, { type: 'null' }] },
        goals: {
          type: 'array',
          minItems: 1,
          maxItems: 20,
          uniqueItems: true,
          items: { type: 'integer', minimum: 1, maximum: 99 },
        },
        measures: {
          type: 'array',
          maxItems: 50,
          uniqueItems: true,
          items: { type: 'string', pattern: '^[0-9]{1,2}\\.[0-9]{1,2}$' },
        },
        steps: { type: 'array', minItems: 1, maxItems: MAX_STEPS, items: { $ref: '#/$defs/step' } },
      },
    },
    step: {
      type: 'object',
      additionalProperties: false,
      required: ['key', 'title', 'responsibleOrganizationType', 'dueAfter', 'dueFrom', 'outcomeCodes'],
      properties: {
        key,
        title: { type: 'string', minLength: 1, maxLength: 200 },
        responsibleOrganizationType: { enum: ORGANIZATION_TYPES },
        dependsOn: { type: 'array', maxItems: 50, uniqueItems: true, items: key },
        dueAfter: duration,
        dueFrom: { enum: DUE_FROM_VALUES },
        workingDays: {
          type: 'boolean',
          description: 'Count the days of dueAfter (then a whole number of days, PnD) as Swedish working days',
        },
        remindBefore: nullableDuration,
        escalateAfter: nullableDuration,
        outcomeCodes: {
          type: 'array',
          minItems: 1,
          maxItems: 30,
          uniqueItems: true,
          items: { type: 'string', pattern: CODE_PATTERN.source },
        },
      },
    },
  },
} as const;

const codes = (maxItems: number) => ({
  type: 'array',
  minItems: 1,
  maxItems,
  uniqueItems: true,
  items: { type: 'string', pattern: CODE_PATTERN.source },
});
const v1 = ROUTINE_DOCUMENT_SCHEMA_V1;

/**
 * JSON Schema (draft 2020-12) of the v2 exchange document: v1 plus the routine's strategy period, step conditions
 * and assessments. Besides v1's rules, import checks that a condition names an ancestor of its step and only codes
 * that step can give (outcome codes, its assessment methods' levels), and that assessment methods exist.
 */
export const ROUTINE_DOCUMENT_SCHEMA = {
  ...v1,
  $id: `urn:samverkan:schema:${ROUTINE_DOCUMENT_FORMAT}`,
  title: 'Samverkan routine, exchange format v2',
  description: `Served at ${ROUTINE_SCHEMA_PATH}. Produced by GET /api/v1/routines/{id}/export, read (as v1) by POST /api/v1/routines/import.`,
  properties: { ...v1.properties, format: { const: ROUTINE_DOCUMENT_FORMAT } },
  $defs: {
    routine: {
      ...v1.$defs.routine,
      properties: {
        period: {
          type: 'string',
          pattern: '^[a-z0-9][a-z0-9-]{1,39}$',
          description: 'Code of the strategy period whose goals and measures it names (default stockholm-2020-2026)',
        },
        ...v1.$defs.routine.properties,
      },
    },
    step: {
      ...v1.$defs.step,
      properties: {
        ...v1.$defs.step.properties,
        when: {
          type: 'array',
          minItems: 1,
          maxItems: 10,
          description: 'Conditions on earlier results; all must hold, or the step is skipped (condition_not_met)',
          items: { $ref: '#/$defs/condition' },
        },
        assessment: {
          type: 'object',
          additionalProperties: false,
          required: ['methods'],
          description: 'Completion records method and level of one of these methods (GET /api/v1/assessment-methods)',
          properties: { methods: codes(10) },
        },
      },
    },
    condition: {
      type: 'object',
      additionalProperties: false,
      required: ['step'],
      minProperties: 2,
      description: 'The step named, and outcomeIn, levelIn or both',
      properties: { step: key, outcomeIn: codes(30), levelIn: codes(30) },
    },
  },
} as const;
