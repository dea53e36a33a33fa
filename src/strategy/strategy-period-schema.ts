import { PERIOD_CODE_PATTERN } from './strategy-period-rules';

const text = {
  type: 'object',
  additionalProperties: false,
  required: ['sv', 'en'],
  properties: {
    sv: { type: 'string', minLength: 1, maxLength: 2000 },
    en: { type: 'string', minLength: 1, maxLength: 2000 },
  },
};
const measureCode = { type: 'string', pattern: '^[0-9]{1,2}\\.[0-9]{1,2}$' };
const day = { type: 'string', format: 'date' };

/**
 * JSON Schema (draft 2020-12) of the strategy period document that POST /api/v1/strategy-periods reads. Checked on
 * load besides: dates in order and overlapping no other period, measures `<goal>.<n>` of their goal and listed once,
 * the previous period loaded, and the mapping from its measures to measures of this period.
 */
export const STRATEGY_PERIOD_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:samverkan:schema:strategy-period',
  title: 'Samverkan strategy period',
  type: 'object',
  additionalProperties: false,
  required: ['code', 'title', 'validFrom', 'validTo', 'goals'],
  properties: {
    code: { type: 'string', pattern: PERIOD_CODE_PATTERN.source },
    title: text,
    validFrom: day,
    validTo: day,
    previousPeriod: { type: 'string', pattern: PERIOD_CODE_PATTERN.source },
    goals: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['number', 'title', 'measures'],
        properties: {
          number: { type: 'integer', minimum: 1, maximum: 99 },
          title: text,
          measures: {
            type: 'array',
            maxItems: 50,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['code', 'text'],
              properties: { code: measureCode, text },
            },
          },
        },
      },
    },
    measureMapping: {
      type: 'object',
      description: "The previous period's measures, each mapped to the measures of this period that carry it on",
      propertyNames: measureCode,
      additionalProperties: { type: 'array', maxItems: 20, items: measureCode },
    },
  },
} as const;
