import { applyDecorators, Injectable, PipeTransform } from '@nestjs/common';
import { IsString, Matches } from 'class-validator';
import { findPersonalData } from '../../privacy/personal-data-detector';
import { NoPersonalData } from '../../privacy/no-personal-data.decorator';
import { RequestValidationException } from '../http/request-validation.exception';

/** Outcome, reason, closure and approval values are codes, never prose: the same format everywhere. */
export const CODE_PATTERN = /^[a-z][a-z0-9_]{1,49}$/;

/** Keys of routine steps, as used in case step URLs. */
export const STEP_KEY_PATTERN = /^[a-z][a-z0-9_]{1,63}$/;

/** A pattern admits `pnr197707077074` as readily as `risk_assessed`: codes pass the privacy guard too. */
export const IsCode = () =>
  applyDecorators(
    IsString(),
    Matches(CODE_PATTERN, { message: '$property must be a code: 2-50 of a-z, 0-9 and _, starting with a letter' }),
    NoPersonalData({ maxLength: 50 }),
  );

/** A step key as used in URLs, logs and reminders: the key format, and nothing the privacy guard refuses. */
export function isStepKey(value: string): boolean {
  return STEP_KEY_PATTERN.test(value) && findPersonalData(value) === null;
}

/** Query strings carry booleans as text. */
export const queryBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** A step key in a URL: anything else is a 400 (and never reaches a query or a log line as free text). */
@Injectable()
export class ParseStepKeyPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isStepKey(value)) {
      throw new RequestValidationException([{ field: 'key', code: 'step_key', message: 'key must be a step key' }]);
    }
    return value;
  }
}
