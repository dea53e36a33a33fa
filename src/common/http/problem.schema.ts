import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PROBLEM_CONTENT_TYPE } from './problem';

/** The OpenAPI name of the problem schema, defined once here and referenced by every error response. */
export const PROBLEM_SCHEMA_NAME = 'Problem';
export const PROBLEM_SCHEMA_REF = `#/components/schemas/${PROBLEM_SCHEMA_NAME}`;
export { PROBLEM_CONTENT_TYPE };

/** RFC 9457 problem details as `ProblemDetailsFilter` renders them (see `Problem` in problem.ts). */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details. `code` is stable and meant for programs; `detail` is for people.',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri', example: 'https://samverkan.se/problems/request.invalid_value' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', minimum: 400, maximum: 599, example: 400 },
    detail: { type: 'string', example: 'A value has the wrong format.' },
    code: { type: 'string', description: 'Machine-readable reason', example: 'request.invalid_value' },
    instance: { type: 'string', format: 'uri-reference' },
    errors: {
      type: 'array',
      description: 'One entry per refused field (400 and 422); a value is never echoed.',
      items: {
        type: 'object',
        required: ['field', 'code'],
        properties: {
          field: { type: 'string', example: 'steps[0].title' },
          code: { type: 'string', example: 'personal_data' },
          kind: { type: 'string', description: 'What kind of personal data was found', example: 'personal_number' },
          message: { type: 'string' },
        },
      },
    },
    errorId: { type: 'string', format: 'uuid', description: 'On a 500: quote it when reporting the error' },
    checks: { type: 'object', description: 'On a 503 from /health: the state of each check' },
  },
};

/** A response object whose body is a problem. */
export const problemContent = () => ({ [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_SCHEMA_REF } } });
