import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { NoPersonalData } from './no-personal-data.decorator';

interface FreeTextOptions {
  maxLength: number;
  optional?: boolean;
  description?: string;
  example?: string;
}

/** A free-text field: a bounded string that must pass the privacy guard. The only way DTOs declare prose. */
export function FreeText({ maxLength, optional = false, description, example }: FreeTextOptions): PropertyDecorator {
  const documentation = { type: String, maxLength, description: `${description ?? 'Free text'} (no personal data)`, example };
  return applyDecorators(
    ...(optional ? [IsOptional(), ApiPropertyOptional(documentation)] : [IsNotEmpty(), ApiProperty(documentation)]),
    IsString(),
    MaxLength(maxLength),
    NoPersonalData(),
  );
}
