import type { ValidationError } from 'class-validator';
import { findPersonalData } from '../../privacy/personal-data-detector';
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
      return problem(
        422,
        'A free-text field contains personal data. Remove it and use codes or pseudonymous references instead.',
        {
          code: 'personal_data',
          errors: this.errors,
        },
      );
    }
    return problem(400, 'The request is not valid.', { code: 'validation', errors: this.errors });
  }
}

/** A property name as the DTOs spell them, or an array index. */
const PROPERTY_NAME = /^(?:[A-Za-z][A-Za-z0-9_]{0,63}|\d{1,6})$/;
const UNNAMED_PROPERTY = '(unknown property)';

/**
 * A property name comes from the request too (an unknown key, a form field that is a whole JSON body):
 * it is named only when it looks like a property and carries no identifier.
 */
function nameOf(property: string): string {
  if (property === '') {
    return property;
  } // the body itself
  return PROPERTY_NAME.test(property) && findPersonalData(property) === null ? property : UNNAMED_PROPERTY;
}

function flatten(errors: ValidationError[], parent: string): FieldError[] {
  return errors.flatMap((error) => {
    const name = nameOf(error.property);
    // One style of field path everywhere, the routine rules' too: `steps[0].title`.
    const field = /^\d+$/.test(name) ? `${parent}[${name}]` : parent ? `${parent}.${name}` : name;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]): FieldError => {
      if (constraint === PERSONAL_DATA_CONSTRAINT) {
        return { field, code: 'personal_data', kind: message.slice(PERSONAL_DATA_MESSAGE_PREFIX.length) };
      }
      // Messages name the property ("property … should not exist"): never an unnamed one.
      const safeMessage = name === error.property ? message : message.split(error.property).join(UNNAMED_PROPERTY);
      return { field, code: toSnakeCase(constraint), message: safeMessage };
    });
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const toSnakeCase = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
