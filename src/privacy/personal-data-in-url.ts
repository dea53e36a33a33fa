import { decodeUrlText } from './normalise';
import { findPersonalData, PersonalDataKind } from './personal-data-detector';

// A URL can carry an identifier in any component and in any number of percent-encodings (`%25%33%34` is `4`), so
// every component is decoded until stable before it is checked. The path, query (`+` as a space) and fragment are
// checked as one text in their order: detection ignores separators (`/811228/9874`, `?811228=9874`) and a key's letters
// keep values apart, so each segment, key and value alone holds nothing the joined text does not. A URL that does not
// parse or decode is refused, never checked raw.

const IP_LITERAL = /^(?:\d+\.\d+\.\d+\.\d+|\[.*\])$/;

function components(url: URL): string[] {
  const parts = [`${url.pathname}${url.search.replace(/\+/g, ' ')}${url.hash}`];
  // A server's address is not personal data; a host name may still carry a number.
  if (!IP_LITERAL.test(url.hostname)) {
    parts.push(url.hostname);
  }
  if (url.username !== '') {
    parts.push(url.username, url.password === '' ? `${url.username}@${url.hostname}` : url.password);
  }
  return parts;
}

/**
 * The kind of the first identifier found in `url` after full percent-decoding: in its path, query and fragment, its
 * host name, and its userinfo (an e-mail address as user and host). 'undecodable' when the URL does not parse or a
 * component does not decode.
 */
export function findPersonalDataInUrl(url: string): PersonalDataKind | 'undecodable' | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'undecodable';
  }
  for (const part of components(parsed)) {
    const decoded = decodeUrlText(part);
    if (decoded === null) {
      return 'undecodable';
    }
    const kind = findPersonalData(decoded);
    if (kind !== null) {
      return kind;
    }
  }
  return null;
}
