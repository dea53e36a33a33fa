import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { findPersonalData } from '../../privacy/personal-data-detector';
import { DomainErrorKind, DomainException } from '../http/domain.exception';

export const MAX_PAGE_SIZE = 200;

const CURSOR_FORMAT = /^[A-Za-z0-9_-]{1,512}$/;

/** A cursor this service made: base64url of a JSON array of strings and numbers. It is read, never kept or logged. */
function IsCursor() {
  return ValidateBy({
    name: 'isCursor',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && CURSOR_FORMAT.test(value) && parseCursor(value) !== undefined,
      defaultMessage: () => 'cursor is not a valid cursor',
    },
  });
}

function parseCursor(cursor: string): CursorKey | undefined {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.every((part) => typeof part === 'string' || typeof part === 'number')) {
      return key;
    }
  } catch {
    // not a cursor
  }
  return undefined;
}

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 50;

  @ApiPropertyOptional({ description: "Opaque cursor from the previous page's nextCursor" })
  @IsOptional()
  @IsCursor()
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type CursorKey = (string | number)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * What each part of a cursor's key is, checked before it reaches a query: a forged cursor (`["x"]` where an id
 * belongs, `[1e30]` for a version) is the client's 400 with a code, not a value PostgreSQL refuses. `int` fits an
 * `integer` column, `bigint` a `bigint` one (as TypeORM reads it, a string of digits), `date` is `YYYY-MM-DD`,
 * `timestamp` what `Date.prototype.toISOString` writes.
 */
export type CursorPart = 'uuid' | 'int' | 'bigint' | 'text' | 'date' | 'timestamp';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT_MAX = 2_147_483_647;

const PART_CHECKS: Record<CursorPart, (part: string | number) => boolean> = {
  uuid: (part) => typeof part === 'string' && UUID.test(part),
  int: (part) => Number.isInteger(part) && Math.abs(part as number) <= INT_MAX,
  bigint: (part) => (typeof part === 'string' && /^-?[0-9]{1,18}$/.test(part)) || Number.isSafeInteger(part),
  // Text parts are values the service stored (names, codes, case numbers), which passed the privacy guard: a forged one must too.
  text: (part) =>
    typeof part === 'string' && part.length <= 500 && !part.includes('\u0000') && findPersonalData(part) === null,
  date: (part) => typeof part === 'string' && /^(?!0000)[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(part) && isCalendarDay(part),
  timestamp: (part) =>
    typeof part === 'string' &&
    /^(?!0000)[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/.test(part) &&
    isCalendarDay(part.slice(0, 10)) &&
    new Date(part).toISOString() === part,
};

/** `2024-02-30` parses (as 1 March): only a day that reads back the same exists. */
function isCalendarDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day;
}

/** Decodes a cursor made by encodeCursor, each part of the kind `parts` names; anything else is a 400, never a 500. */
export function decodeCursor(cursor: string | undefined, parts: CursorPart[]): CursorKey | undefined {
  if (cursor === undefined) {
    return undefined;
  }
  const key = parseCursor(cursor);
  if (key?.length === parts.length && parts.every((kind, index) => PART_CHECKS[kind](key[index]))) {
    return key;
  }
  throw new DomainException(DomainErrorKind.BadRequest, 'pagination.invalid_cursor', 'The cursor is not valid.');
}

/** Rows must have been fetched with limit + 1 to know whether another page exists. */
export function toPage<Row, Item = Row>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => CursorKey,
  map?: (row: Row) => Item,
): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map((row) => (map ? map(row) : (row as unknown as Item))),
    nextCursor: hasMore ? encodeCursor(keyOf(pageRows[pageRows.length - 1])) : null,
  };
}
