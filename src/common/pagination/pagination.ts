import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { DomainErrorKind, DomainException } from '../http/domain.exception';

export const MAX_PAGE_SIZE = 200;

const CURSOR_FORMAT = /^[A-Za-z0-9_-]{1,512}$/;

/** A cursor this service made: base64url of a JSON array of strings and numbers. It is read, never kept or logged. */
function IsCursor() {
  return ValidateBy({
    name: 'isCursor',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && CURSOR_FORMAT.test(value) && parseCursor(value) !== undefined,
      defaultMessage: () => 'cursor is not a valid cursor',
    },
  });
}

function parseCursor(cursor: string): CursorKey | undefined {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.every((part) => typeof part === 'string' || typeof part === 'number')) return key as CursorKey;
  } catch {
    // not a cursor
  }
  return undefined;
}

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE)
  limit: number = 50;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s nextCursor' })
  @IsOptional() @IsCursor()
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

/** Decodes a cursor made by encodeCursor; anything else is a 400, never a 500. */
export function decodeCursor(cursor: string | undefined, arity: number): CursorKey | undefined {
  if (cursor === undefined) return undefined;
  const key = parseCursor(cursor);
  if (key?.length === arity) return key;
  throw new DomainException(DomainErrorKind.BadRequest, 'pagination.invalid_cursor', 'The cursor is not valid.');
}

/** Rows must have been fetched with limit + 1 to know whether another page exists. */
export function toPage<Row, Item = Row>(rows: Row[], limit: number, keyOf: (row: Row) => CursorKey, map?: (row: Row) => Item): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map((row) => (map ? map(row) : (row as unknown as Item))),
    nextCursor: hasMore ? encodeCursor(keyOf(pageRows[pageRows.length - 1])) : null,
  };
}
