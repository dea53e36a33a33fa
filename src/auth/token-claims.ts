import { createSecretKey, KeyObject } from 'node:crypto';

/** Claims every token this service issues carries, and the audience of tokens the API accepts. */
export const TOKEN_ISSUER = 'samverkan';
export const API_AUDIENCE = 'samverkan-api';

/** `gen`: the account's token generation when the token was issued; a token of an earlier generation is refused. */
export interface TokenPayload {
  sub: string;
  gen: number;
}

/** The HS256 key as a KeyObject: given a string, jsonwebtoken first tries (and fails) to read it as a public key on every verification. */
export const jwtKey = (secret: string): KeyObject => createSecretKey(Buffer.from(secret, 'utf8'));
