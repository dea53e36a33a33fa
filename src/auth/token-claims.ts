import { isUUID } from 'class-validator';
import { createSecretKey, KeyObject } from 'node:crypto';

/** Claims every token this service issues carries, and the audience of tokens the API accepts. */
export const TOKEN_ISSUER = 'samverkan';
export const API_AUDIENCE = 'samverkan-api';

/**
 * A staff member's token. `gen`: the account's token generation when the token was issued (a token of an earlier
 * generation is refused); `sid`: its session, which sign-out ends.
 */
export interface TokenPayload {
  sub: string;
  gen: number;
  sid: string;
}

/** An API client's token (client credentials): `sub` is the client's id, `gen` its secret generation, `scope` what it was granted. */
export interface ClientTokenPayload {
  sub: string;
  gen: number;
  client: true;
  scope: string;
}

/** The HS256 key as a KeyObject: given a string, jsonwebtoken first tries (and fails) to read it as a public key on every verification. */
export const jwtKey = (secret: string): KeyObject => createSecretKey(Buffer.from(secret, 'utf8'));

/** A verified payload that names a staff member's session (not an API client's token). */
export const isUserToken = (payload: Partial<TokenPayload & ClientTokenPayload>): payload is TokenPayload =>
  payload.client === undefined &&
  typeof payload.sub === 'string' &&
  isUUID(payload.sub) &&
  Number.isInteger(payload.gen) &&
  typeof payload.sid === 'string' &&
  isUUID(payload.sid);

/** A verified payload of an API client's token. */
export const isClientToken = (payload: Partial<TokenPayload & ClientTokenPayload>): payload is ClientTokenPayload =>
  payload.client === true &&
  typeof payload.sub === 'string' &&
  isUUID(payload.sub) &&
  Number.isInteger(payload.gen) &&
  typeof payload.scope === 'string';
