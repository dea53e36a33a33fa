import { findPersonalDataInUrl } from '../../privacy/personal-data-in-url';
import { PrivacyGuard } from '../../privacy/no-personal-data.decorator';

export const MAX_WEBHOOK_URL_LENGTH = 2000;

/** What is not a URL at all is IsUrl's to refuse (400); one whose parts do not decode is refused here (422). */
const personalDataInWebhookUrl = (value: string) => (URL.canParse(value) ? findPersonalDataInUrl(value) : null);

/**
 * Runs the privacy guard over every component of a URL, host and userinfo included, after full percent-decoding.
 * A URL whose parts do not decode is refused (kind `undecodable`): a raw form is never checked instead.
 */
export const NoPersonalDataInUrl = () => PrivacyGuard(personalDataInWebhookUrl, { maxLength: MAX_WEBHOOK_URL_LENGTH });
