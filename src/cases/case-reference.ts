import { createHmac } from 'node:crypto';

/** An agency's own case reference: letters, digits and the usual separators, up to 64 characters. */
export const EXTERNAL_REFERENCE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} .,:/_#-]{0,63}$/u;

/** The same reference written with other case, spacing or Unicode forms hashes to the same value. */
export function normaliseReference(reference: string): string {
  return reference.normalize('NFKC').trim().replace(/\s+/gu, ' ').toUpperCase();
}

/**
 * HMAC-SHA256 over `<organizationId>:<normalised reference>`: the organisation that gave the reference can find
 * its cases again, nobody can recover the reference, and the same reference in two organisations does not link.
 */
export function referenceHmac(key: string, organizationId: string, reference: string): Buffer {
  return createHmac('sha256', key)
    .update(`${organizationId}:${normaliseReference(reference)}`)
    .digest();
}
