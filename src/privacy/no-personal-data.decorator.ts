import { applyDecorators } from '@nestjs/common';
import { MaxLength, registerDecorator, ValidationArguments } from 'class-validator';
import { PERSONAL_DATA_CONSTRAINT, personalDataMessage } from '../common/http/request-validation.exception';
import { findPersonalData, PersonalDataKind } from './personal-data-detector';

interface GuardOptions {
  /** Longer values are refused by the length check alone: the detector never runs on them (a 1 MiB value costs nothing). */
  maxLength: number;
  /** For arrays of strings. */
  each?: boolean;
}

type Finder = (value: string) => PersonalDataKind | 'undecodable' | null;

/**
 * A length limit and a privacy check, registered under the one constraint name the error mapping turns into 422
 * `personal_data`. `find` sees only strings within the limit; the message carries the kind of identifier, never the value.
 */
export function PrivacyGuard(find: Finder, { maxLength, each = false }: GuardOptions): PropertyDecorator {
  const findIn = (value: unknown) => (typeof value !== 'string' || value.length > maxLength ? null : find(value));
  const check: PropertyDecorator = (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: PERSONAL_DATA_CONSTRAINT,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { each },
      validator: {
        validate: (value: unknown) => findIn(value) === null,
        defaultMessage: (args?: ValidationArguments) => personalDataMessage(firstKind(args?.value, findIn)),
      },
    });
  };
  return applyDecorators(MaxLength(maxLength, { each }), check);
}

/** With `each`, class-validator hands the message factory the whole array: name the first element's kind. */
function firstKind(value: unknown, findIn: (value: unknown) => string | null): string {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  for (const element of values) {
    const kind = findIn(element);
    if (kind !== null) {
      return kind;
    }
  }
  return 'unknown';
}

/**
 * Rejects a string that contains a personal identity number, e-mail address, phone number or similar identifier,
 * and one longer than `maxLength`. Every string a DTO accepts carries this guard (or a stricter one built on
 * `PrivacyGuard`): codes, keys, references and filters as much as prose.
 */
export const NoPersonalData = (options: GuardOptions): PropertyDecorator => PrivacyGuard(findPersonalData, options);
