import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The audit chain's rules, shared by the writer, the verifier and anyone re-verifying an export:
 *   contentHash = SHA-256(RFC 8785 canonical JSON of the event's content)
 *   hash        = SHA-256(prevHash || contentHash)        (raw 32-byte values; the first prevHash is 32 zero bytes)
 * PostgreSQL computes the second step inside the append statement, so only it runs under the chain lock.
 */
export const GENESIS_HASH = Buffer.alloc(32);

export interface AuditContent {
  occurredAt: string;
  action: string;
  actor: { type: 'user' | 'system'; userId: string | null; organizationId: string | null };
  entity: { type: string; id: string };
  organizationIds: string[];
  requestId: string | null;
  accessReason: string | null;
  data: Record<string, unknown>;
}

export function contentHash(content: AuditContent): Buffer {
  const canonical = canonicalize(content);
  if (canonical === undefined) throw new Error('Audit content cannot be canonicalised');
  return createHash('sha256').update(canonical, 'utf8').digest();
}

export function chainHash(prevHash: Buffer, content: Buffer): Buffer {
  return createHash('sha256').update(prevHash).update(content).digest();
}

export interface ChainLink {
  sequence: number;
  content: AuditContent;
  contentHash: Buffer;
  prevHash: Buffer;
  hash: Buffer;
}

export interface ChainVerification {
  valid: boolean;
  checked: number;
  headSequence: number;
  headHash: string;
  firstInvalidSequence: number | null;
}

/** Checks links one at a time in sequence order, so a chain of any length verifies in constant memory. */
export class ChainVerifier {
  private expectedSequence = 1;
  private previousHash: Buffer = GENESIS_HASH;
  private checked = 0;
  private firstInvalid: number | null = null;

  accept(link: ChainLink): void {
    this.checked += 1;
    const ok =
      link.sequence === this.expectedSequence &&
      link.prevHash.equals(this.previousHash) &&
      link.contentHash.equals(contentHash(link.content)) &&
      link.hash.equals(chainHash(link.prevHash, link.contentHash));
    if (!ok && this.firstInvalid === null) this.firstInvalid = link.sequence;
    this.expectedSequence = link.sequence + 1;
    this.previousHash = link.hash;
  }

  /** The recorded head must match the last link, or events were removed from the end. */
  finish(head: { sequence: number; hash: Buffer }): ChainVerification {
    const lastSequence = this.expectedSequence - 1;
    if (this.firstInvalid === null && (head.sequence !== lastSequence || !head.hash.equals(this.previousHash))) {
      this.firstInvalid = Math.min(head.sequence, lastSequence) + 1;
    }
    return {
      valid: this.firstInvalid === null,
      checked: this.checked,
      headSequence: head.sequence,
      headHash: head.hash.toString('hex'),
      firstInvalidSequence: this.firstInvalid,
    };
  }
}
