import { Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { RequestValidationException } from '../common/http/request-validation.exception';

/** The system-made case number, `SAM-<year>-<six digits>` (the column's CHECK says the same). */
export const CASE_NUMBER_PATTERN = /^SAM-\d{4}-\d{6}$/;

/** How a URL names a case: by its id or by its number. Either way the same access rules apply. */
export type CaseRef = { id: string } | { caseNumber: string };

/** The column (as the entity's property) and value a CaseRef selects on: each form keeps its own unique index. */
export function caseRefColumn(ref: CaseRef): { column: 'id' | 'caseNumber'; value: string } {
  return 'id' in ref ? { column: 'id', value: ref.id } : { column: 'caseNumber', value: ref.caseNumber };
}

/** A case's id or number in a URL; anything else is a 400 that does not echo the value. */
@Injectable()
export class ParseCaseRefPipe implements PipeTransform<string, CaseRef> {
  transform(value: string): CaseRef {
    if (isUUID(value)) {
      return { id: value };
    }
    if (CASE_NUMBER_PATTERN.test(value)) {
      return { caseNumber: value };
    }
    throw new RequestValidationException([
      { field: 'id', code: 'case_ref', message: 'id must be a case id (uuid) or a case number (SAM-2026-000123)' },
    ]);
  }
}
