import { applyDecorators } from '@nestjs/common';
import { IsString, ValidateBy } from 'class-validator';
import { isMunicipalityCode } from './municipalities';

/** One of Sweden's 290 SCB municipality codes. */
export const IsMunicipalityCode = () =>
  applyDecorators(
    IsString(),
    ValidateBy({
      name: 'isMunicipalityCode',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isMunicipalityCode(value),
        defaultMessage: () => "must be one of Sweden's municipality codes (SCB kommunkod, e.g. 0180)",
      },
    }),
  );
