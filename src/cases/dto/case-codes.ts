import { applyDecorators } from '@nestjs/common';
import { IsString, isUUID, Matches, ValidateBy } from 'class-validator';

/** Outcome, reason and closure values are codes, never prose. */
export const CODE_PATTERN = /^[a-z][a-z0-9_]{1,49}$/;
export const STEP_KEY_PATTERN = /^[a-z][a-z0-9_]{1,63}$/;
const MAX_NAMED_OWNERS = 100;

export const IsCode = () =>
  applyDecorators(IsString(), Matches(CODE_PATTERN, { message: '$property must be a code: 2-50 of a-z, 0-9 and _, starting with a letter' }));

/** `{ stepKey: organizationId }`: step keys in the routine's key format, organisation ids as UUIDs. */
export const IsStepOwnerMap = () =>
  ValidateBy({
    name: 'isStepOwnerMap',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
        const entries = Object.entries(value);
        return entries.length <= MAX_NAMED_OWNERS && entries.every(([key, id]) => STEP_KEY_PATTERN.test(key) && typeof id === 'string' && isUUID(id));
      },
      defaultMessage: () => '$property must map step keys to organisation ids (UUIDs)',
    },
  });
