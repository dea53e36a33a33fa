import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, ValidateBy } from 'class-validator';
import { findPersonalData } from '../../privacy/personal-data-detector';
import { PrivacyGuard } from '../../privacy/no-personal-data.decorator';
import { isAsciiEmail, normalizeEmail } from '../email-address';

const MAX_EMAIL_LENGTH = 254;

/** A staff member's address is personal data kept by design; an identity number or phone number inside it is not. */
function personalDataInStaffEmail(email: string): ReturnType<typeof findPersonalData> {
  const at = email.lastIndexOf('@');
  return findPersonalData(email.slice(0, at)) ?? findPersonalData(email.slice(at + 1));
}

/**
 * A staff e-mail address (sign-in name): brought to its one normal form before anything else sees it, then valid,
 * bounded, and carrying no identifier of anyone else. Longer input is left as sent, for the length check to refuse.
 */
export const StaffEmail = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && value.length <= MAX_EMAIL_LENGTH ? normalizeEmail(value) : value,
    ),
    IsEmail(),
    PrivacyGuard(personalDataInStaffEmail, { maxLength: MAX_EMAIL_LENGTH }),
  );

/** The address of a new account: ASCII only (see isAsciiEmail). */
export const NewStaffEmail = () =>
  applyDecorators(
    StaffEmail(),
    ValidateBy({
      name: 'asciiEmail',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isAsciiEmail(value),
        defaultMessage: () => 'email must be written in ASCII (an internationalised domain in its xn-- form)',
      },
    }),
  );
