import type { ValidationError } from 'class-validator';
import type { FieldError } from './domain.exception';
import { Problem, problem } from './problem';

export const PERSONAL_DATA_CONSTRAINT = 'noPersonalData';
const PERSONAL_DATA_MESSAGE_PREFIX = 'personal_data:';

export const personalDataMessage = (kind: string) => `${PERSONAL_DATA_MESSAGE_PREFIX}${kind}`;

/** Schema-invalid input: 400, or 422 when a free-text field holds personal data. Never carries the offending value. */
export class RequestValidationException extends Error {
  constructor(readonly errors: FieldError[]) {
    super('Request validation failed');
  }

  static fromValidationErrors(errors: ValidationError[]): RequestValidationException {
    return new RequestValidationException(flatten(errors, ''));
  }

  get containsPersonalData(): boolean {
    return this.errors.some((error) => error.code === 'personal_data');
  }

  problem(): Problem {
    if (this.containsPersonalData) {
      return problem(422, 'A free-text field contains personal data. Remove it and use codes or pseudonymous references instead.', {
        code: 'personal_data',
        errors: this.errors,
      });
    }
    return problem(400, 'The request is not valid.', { code: 'validation', errors: this.errors });
  }
}

function flatten(errors: ValidationError[], parent: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]): FieldError => {
      if (constraint === PERSONAL_DATA_CONSTRAINT) {
        return { field, code: 'personal_data', kind: message.slice(PERSONAL_DATA_MESSAGE_PREFIX.length) };
      }
      return { field, code: toSnakeCase(constraint), message };
    });
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const toSnakeCase = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
