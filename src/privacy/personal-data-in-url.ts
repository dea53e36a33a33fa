import { decodeUrlText } from './normalise';
import { findPersonalData, PersonalDataKind } from './personal-data-detector';

// A URL can carry an identifier in any component and in any number of percent-encodings (`%25%33%34` is `4`), so
// each component is decoded until stable and checked alone, and the path, query and fragment are checked joined in
// their order (`/811228/9874`, `?811228=9874`). A URL that does not parse or decode is refused, never checked raw.

const IP_LITERAL = /^(?:\d+\.\d+\.\d+\.\d+|\[.*\])$/;

function queryPart(text: string): string {
  return text.replace(/\+/g, ' ');
}

function components(url: URL): string[] {
  const parts: string[] = [];
  if (url.username !== '') parts.push(url.username, url.password === '' ? `${url.username}@${url.hostname}` : url.password);
  // A server's address is not personal data; a host name's labels may still carry a number.
  if (!IP_LITERAL.test(url.hostname)) parts.push(url.hostname, ...url.hostname.split('.'));
  parts.push(...url.pathname.split('/'));
  for (const pair of url.search.slice(1).split('&')) {
    const equals = pair.indexOf('=');
    parts.push(queryPart(equals < 0 ? pair : pair.slice(0, equals)), queryPart(equals < 0 ? '' : pair.slice(equals + 1)));
  }
  parts.push(url.hash.slice(1), `${url.pathname}${queryPart(url.search)}${url.hash}`);
  return parts.filter((part) => part !== '');
}

/**
 * The kind of the first identifier found in any component of `url` after full percent-decoding: userinfo (an
 * e-mail address as user and host), host labels, path segments, query keys and values (`+` as a space) and the
 * fragment, each alone and joined. 'undecodable' when the URL does not parse or a component does not decode.
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
    if (decoded === null) return 'undecodable';
    const kind = findPersonalData(decoded);
    if (kind !== null) return kind;
  }
  return null;
}
