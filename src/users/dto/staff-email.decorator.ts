import { applyDecorators } from '@nestjs/common';
import { IsEmail } from 'class-validator';
import { findPersonalData } from '../../privacy/personal-data-detector';
import { PrivacyGuard } from '../../privacy/no-personal-data.decorator';

const MAX_EMAIL_LENGTH = 254;

/** A staff member's address is personal data kept by design; an identity number or phone number inside it is not. */
function personalDataInStaffEmail(email: string): ReturnType<typeof findPersonalData> {
  const at = email.lastIndexOf('@');
  return findPersonalData(email.slice(0, at)) ?? findPersonalData(email.slice(at + 1));
}

/** A staff e-mail address (sign-in name): valid, bounded, and carrying no identifier of anyone else. */
export const StaffEmail = () =>
  applyDecorators(IsEmail(), PrivacyGuard(personalDataInStaffEmail, { maxLength: MAX_EMAIL_LENGTH }));
