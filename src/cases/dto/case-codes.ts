import { isUUID, ValidateBy } from 'class-validator';
import { isStepKey } from '../../common/validation/codes';

const MAX_NAMED_OWNERS = 100;

/** `{ stepKey: organizationId }`: step keys in the routine's key format, organisation ids as UUIDs. */
export const IsStepOwnerMap = () =>
  ValidateBy({
    name: 'isStepOwnerMap',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          return false;
        }
        const entries = Object.entries(value);
        return (
          entries.length <= MAX_NAMED_OWNERS &&
          entries.every(([key, id]) => isStepKey(key) && typeof id === 'string' && isUUID(id))
        );
      },
      defaultMessage: () => '$property must map step keys to organisation ids (UUIDs)',
    },
  });
