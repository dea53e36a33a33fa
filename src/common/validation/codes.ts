import { applyDecorators, Injectable, PipeTransform } from '@nestjs/common';
import { IsString, Matches } from 'class-validator';
import { RequestValidationException } from '../http/request-validation.exception';

/** Outcome, reason, closure and approval values are codes, never prose: the same format everywhere. */
export const CODE_PATTERN = /^[a-z][a-z0-9_]{1,49}$/;

/** Keys of routine steps, as used in case step URLs. */
export const STEP_KEY_PATTERN = /^[a-z][a-z0-9_]{1,63}$/;

export const IsCode = () =>
  applyDecorators(IsString(), Matches(CODE_PATTERN, { message: '$property must be a code: 2-50 of a-z, 0-9 and _, starting with a letter' }));

/** Query strings carry booleans as text. */
export const queryBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** A step key in a URL: anything else is a 400 (and never reaches a query or a log line as free text). */
@Injectable()
export class ParseStepKeyPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!STEP_KEY_PATTERN.test(value)) throw new RequestValidationException([{ field: 'key', code: 'step_key', message: 'key must be a step key' }]);
    return value;
  }
}
