/** Why a request to a protected route carries no usable bearer token, and how RFC 6750 §3 says so. */
export interface BearerRefusal {
  code: 'auth.unauthenticated' | 'auth.token_expired' | 'auth.invalid_token';
  detail: string;
  /** The WWW-Authenticate challenge. */
  challenge: string;
}

const REALM = 'realm="samverkan"';

/**
 * `info` is what passport-jwt failed with (jsonwebtoken's TokenExpiredError for an expired token); `user` false with
 * no info means the token verified but names an account that is gone, deactivated, or whose tokens were ended.
 */
export function bearerRefusal(hasBearerToken: boolean, info: unknown): BearerRefusal {
  if (!hasBearerToken) {
    return {
      code: 'auth.unauthenticated',
      detail: 'A bearer token is required: sign in with POST /api/v1/auth/login.',
      challenge: `Bearer ${REALM}`,
    };
  }
  if (info instanceof Error && info.name === 'TokenExpiredError') {
    return {
      code: 'auth.token_expired',
      detail: 'The bearer token has expired: sign in again.',
      challenge: `Bearer ${REALM}, error="invalid_token", error_description="The access token expired"`,
    };
  }
  return {
    code: 'auth.invalid_token',
    detail: 'The bearer token is not valid (malformed, not ours, or ended by a change to the account): sign in again.',
    challenge: `Bearer ${REALM}, error="invalid_token"`,
  };
}

/** Whether the Authorization header offers a bearer token at all (the scheme is case-insensitive, RFC 7235 §2.1). */
export const offersBearerToken = (authorization: string | string[] | undefined): boolean =>
  typeof authorization === 'string' && /^bearer\s+\S/i.test(authorization.trim());
