import { ValidateBy } from 'class-validator';

/**
 * A credential compared with a stored hash and then dropped: never stored in clear, never logged, never audited,
 * so it is not free text for the privacy guard.
 */
export const IsSecret = (maxLength = 256) =>
  ValidateBy({
    name: 'isSecret',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.length > 0 && value.length <= maxLength,
      defaultMessage: () => `must be a non-empty string of at most ${maxLength} characters`,
    },
  });
