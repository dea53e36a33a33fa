import type { Scope } from '../common/auth/scope';

/** The error codes of RFC 6749 §5.2 this token endpoint answers with. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope';

export const BASIC_CHALLENGE = 'Basic realm="samverkan", charset="UTF-8"';

/** A refusal at the token endpoint, rendered as RFC 6749 §5.2 JSON (not as a problem document). */
export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }

  /** 401 for a failed client authentication, 400 for everything else (§5.2). */
  get status(): 400 | 401 {
    return this.error === 'invalid_client' ? 401 : 400;
  }
}

export interface ClientCredentials {
  method: 'client_secret_basic' | 'client_secret_post';
  clientId: string;
  clientSecret: string;
}

/** A form body's fields; a field sent more than once is an array (and refused, §3.2). */
export type FormFields = Record<string, string | string[]>;

const MAX_CREDENTIAL_LENGTH = 200;

/** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64. */
function decodeBasic(value: string): { clientId: string; clientSecret: string } | null {
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    return null;
  }
  try {
    const form = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
    return { clientId: form(decoded.slice(0, colon)), clientSecret: form(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

/** A single-valued form field, or undefined; a repeated one is an invalid request. */
export function singleField(fields: FormFields, name: string): string | undefined {
  const value = fields[name];
  if (Array.isArray(value)) {
    throw new OAuthError('invalid_request', `The parameter ${name} is given more than once.`);
  }
  return value === '' ? undefined : value;
}

/**
 * How the client authenticates: HTTP Basic or the form's client_id and client_secret, exactly one of them (§2.3.1).
 * Missing or malformed credentials are `invalid_client` (so the answer carries the Basic challenge).
 */
export function readClientCredentials(authorization: string | undefined, fields: FormFields): ClientCredentials {
  const formId = singleField(fields, 'client_id');
  const formSecret = singleField(fields, 'client_secret');
  const basic = /^basic\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (basic !== undefined && formSecret !== undefined) {
    throw new OAuthError('invalid_request', 'Authenticate by one method only: HTTP Basic or the form fields.');
  }
  const credentials =
    basic !== undefined
      ? decodeBasic(basic)
      : formId !== undefined && formSecret !== undefined
        ? { clientId: formId, clientSecret: formSecret }
        : null;
  if (
    !credentials ||
    credentials.clientId === '' ||
    credentials.clientSecret === '' ||
    credentials.clientId.length > MAX_CREDENTIAL_LENGTH ||
    credentials.clientSecret.length > MAX_CREDENTIAL_LENGTH ||
    (basic !== undefined && formId !== undefined && formId !== credentials.clientId)
  ) {
    throw new OAuthError('invalid_client', 'Client authentication failed.');
  }
  return { method: basic !== undefined ? 'client_secret_basic' : 'client_secret_post', ...credentials };
}

/**
 * The scopes a token gets (§3.3): those requested (space-separated), each of which the client must hold; without
 * a request, all the client holds.
 */
export function grantedScopes(requested: string | undefined, held: readonly Scope[]): Scope[] {
  if (requested === undefined || requested.trim() === '') {
    return [...held];
  }
  const asked = [...new Set(requested.split(' ').filter(Boolean))];
  const missing = asked.filter((scope) => !(held as string[]).includes(scope));
  if (missing.length > 0 || requested !== requested.trim() || /\s{2,}|[^\x21\x23-\x5b\x5d-\x7e ]/.test(requested)) {
    throw new OAuthError('invalid_scope', 'The requested scope is unknown or not granted to this client.');
  }
  return asked as Scope[];
}
