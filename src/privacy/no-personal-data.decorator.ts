import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { PERSONAL_DATA_CONSTRAINT, personalDataMessage } from '../common/http/request-validation.exception';
import { findPersonalData } from './personal-data-detector';

/** Rejects a string that contains a personal identity number, e-mail address, phone number or similar identifier. */
export function NoPersonalData(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: PERSONAL_DATA_CONSTRAINT,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || findPersonalData(value) === null,
        // The message carries only the kind of identifier, never the value.
        defaultMessage: (args?: ValidationArguments) =>
          personalDataMessage(typeof args?.value === 'string' ? (findPersonalData(args.value) ?? 'unknown') : 'unknown'),
      },
    });
  };
}
