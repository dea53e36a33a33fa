import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, ValidateIf } from 'class-validator';
import { NoPersonalData } from './no-personal-data.decorator';

interface FreeTextOptions {
  maxLength: number;
  optional?: boolean;
  /** May be sent as null (to clear it), besides being left out. */
  nullable?: boolean;
  description?: string;
  example?: string;
}

// Control characters (NUL above all) cannot be stored in PostgreSQL text and have no place in a note; tab and line breaks may.
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/**
 * A free-text field: a bounded string that must pass the privacy guard. The only way DTOs declare prose.
 * Optional means it may be left out, not sent as null.
 */
export function FreeText({
  maxLength,
  optional = false,
  nullable = false,
  description,
  example,
}: FreeTextOptions): PropertyDecorator {
  const documentation = {
    type: String,
    maxLength,
    nullable,
    description: `${description ?? 'Free text'} (no personal data)`,
    example,
  };
  const present = (_: object, value: unknown) => value !== undefined && !(nullable && value === null);
  return applyDecorators(
    ...(optional || nullable
      ? [ValidateIf(present), ApiPropertyOptional(documentation)]
      : [IsNotEmpty(), ApiProperty(documentation)]),
    IsString(),
    Matches(NO_CONTROL_CHARACTERS, { message: 'must not contain control characters' }),
    NoPersonalData({ maxLength }),
  );
}
