import { Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationException } from '../common/http/request-validation.exception';

/**
 * No routine reaches 100,000 versions, and a number of at most five digits can carry neither an identity nor a
 * phone number (a version is kept and audited wherever it is given).
 */
export const MAX_VERSION = 99_999;

/**
 * A routine version in a URL: a whole number from 1 to MAX_VERSION, else a 400 with a code. ParseIntPipe lets
 * `99999999999999999999` through, which PostgreSQL then refuses as out of range.
 */
@Injectable()
export class ParseVersionPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const version = /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : Number.NaN;
    if (!(version <= MAX_VERSION)) {
      throw new RequestValidationException([
        { field: 'version', code: 'version', message: `version must be a whole number from 1 to ${MAX_VERSION}` },
      ]);
    }
    return version;
  }
}
