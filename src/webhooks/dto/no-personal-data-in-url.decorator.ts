import { registerDecorator } from 'class-validator';
import { PERSONAL_DATA_CONSTRAINT, personalDataMessage } from '../../common/http/request-validation.exception';
import { findPersonalData } from '../../privacy/personal-data-detector';

/** The identifier kind found in a URL's path, query or fragment; the host (a name or a server's address) is not personal data. */
function personalDataInUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const rest = `${url.pathname}${url.search}${url.hash}`;
  let decoded = rest;
  try {
    decoded = decodeURIComponent(rest.replace(/\+/g, ' '));
  } catch {
    // keep the raw form
  }
  return findPersonalData(decoded) ?? (url.username || url.password ? findPersonalData(`${url.username} ${url.password}`) : null);
}

/** Runs the privacy guard over everything in a URL except its host. */
export function NoPersonalDataInUrl(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: PERSONAL_DATA_CONSTRAINT,
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => personalDataInUrl(value) === null,
        defaultMessage: (args) => personalDataMessage(personalDataInUrl(args?.value) ?? 'unknown'),
      },
    });
  };
}
