import { hash as digest } from 'node:crypto';
import canonicalize from 'canonicalize';
import { RedactionEvent, RedactionIndex, redactionOf } from './audit-redaction';

/**
 * The audit chain's rules, shared by the writer, the verifier and anyone re-verifying an export:
 *   contentHash = SHA-256(RFC 8785 canonical JSON of the event's content)
 *   hash        = SHA-256(prevHash || contentHash)        (raw 32-byte values; the first prevHash is 32 zero bytes)
 * PostgreSQL computes the second step inside the append statement, so only it runs under the chain lock.
 */
export const GENESIS_HASH = Buffer.alloc(32);
const GENESIS_HEX = GENESIS_HASH.toString('hex');

export interface AuditContent {
  occurredAt: string;
  action: string;
  /** `userId` is the API client's id when `type` is "client". */
  actor: { type: 'user' | 'client' | 'system'; userId: string | null; organizationId: string | null };
  entity: { type: string; id: string };
  organizationIds: string[];
  requestId: string | null;
  accessReason: string | null;
  data: Record<string, unknown>;
}

const json = JSON.stringify;

/**
 * The RFC 8785 form of an event's content: the same text `canonicalize(content)` gives, built faster (verification
 * hashes a million of these) by writing the fixed keys in their sorted order and canonicalising only `data`.
 */
export function canonicalContent(c: AuditContent): string {
  const data = canonicalize(c.data);
  if (data === undefined) {
    throw new Error('Audit data cannot be canonicalised');
  }
  return (
    `{"accessReason":${json(c.accessReason)},"action":${json(c.action)},` +
    `"actor":{"organizationId":${json(c.actor.organizationId)},"type":${json(c.actor.type)},"userId":${json(c.actor.userId)}},` +
    `"data":${data},"entity":{"id":${json(c.entity.id)},"type":${json(c.entity.type)}},"occurredAt":${json(c.occurredAt)},` +
    `"organizationIds":${json(c.organizationIds)},"requestId":${json(c.requestId)}}`
  );
}

export function contentHash(content: AuditContent): Buffer {
  return digest('sha256', canonicalContent(content), 'buffer');
}

export function chainHash(prevHash: Buffer, content: Buffer): Buffer {
  return digest('sha256', Buffer.concat([prevHash, content]), 'buffer');
}

/** One event as read back for verification and export; hashes in lowercase hex, as PostgreSQL's encode() gives them. */
export interface ChainLink {
  sequence: number;
  content: AuditContent;
  contentHash: string;
  prevHash: string;
  hash: string;
}

/**
 * One event as the verifier walks it: its content already in canonical form (no content object needed), the full
 * link only for a redaction event, whose recorded redaction the walk may have to confirm.
 */
export interface CanonicalLink {
  sequence: number;
  canonicalContent: string;
  contentHash: string;
  prevHash: string;
  hash: string;
  redactionEvent: RedactionEvent | null;
}

export interface ChainVerification {
  valid: boolean;
  checked: number;
  headSequence: number;
  headHash: string;
  firstInvalidSequence: number | null;
  /** Events whose data was redacted: their links hold, and their content matches what the redaction recorded. */
  redactedSequences: number[];
}

// One-shot hashing: half the cost of createHash().update().digest() for inputs this short, a million times over.
const sha256Hex = (data: string | Buffer) => digest('sha256', data, 'hex');

const HEX_HASH_LENGTH = 64;

/**
 * Checks links one at a time in sequence order, so a chain of any length verifies in constant memory (plus the
 * redactions, read beforehand). A redacted event's content no longer matches its contentHash, which its hash and
 * the next link still commit to: it must instead match the `redactedContentHash` of its latest redaction event, and
 * every redaction relied on must turn up later in the walk as a valid link of its own.
 */
export class ChainVerifier {
  private expectedSequence = 1;
  private previousHash = GENESIS_HEX;
  private checked = 0;
  private firstInvalid: number | null = null;
  private readonly redacted: number[] = [];
  /** Redaction events relied on and not yet walked: their sequence → the sequence they redact. */
  private readonly unconfirmed = new Map<number, number>();
  /** prevHash || contentHash as raw bytes, rewritten for every link instead of allocated. */
  private readonly linkBytes = Buffer.alloc(64);

  constructor(private readonly redactions: RedactionIndex = new Map()) {}

  accept(link: ChainLink): void {
    this.acceptCanonical({
      sequence: link.sequence,
      canonicalContent: canonicalContent(link.content),
      contentHash: link.contentHash,
      prevHash: link.prevHash,
      hash: link.hash,
      redactionEvent: link,
    });
  }

  /** The same check for a link read with its content in canonical form; `link` is not kept. */
  acceptCanonical(link: CanonicalLink): void {
    this.checked += 1;
    if (this.firstInvalid === null) {
      // A gap means the expected event was removed: that sequence is the first one that is wrong.
      if (link.sequence !== this.expectedSequence) {
        this.firstInvalid = this.expectedSequence;
      } else if (!this.linkHolds(link)) {
        this.firstInvalid = link.sequence;
      } else {
        this.confirm(link);
      }
    }
    this.expectedSequence = link.sequence + 1;
    this.previousHash = link.hash;
  }

  private linkHolds(link: CanonicalLink): boolean {
    if (link.prevHash !== this.previousHash || sha256Hex(this.linkBytesOf(link)) !== link.hash) {
      return false;
    }
    const actual = sha256Hex(link.canonicalContent);
    const redactions = this.redactions.get(link.sequence);
    if (!redactions?.length) {
      return actual === link.contentHash;
    }
    // Once redacted, the content must be exactly what the latest redaction recorded: a restored value fails too.
    if (actual !== redactions[redactions.length - 1].redactedContentHash) {
      return false;
    }
    for (const redaction of redactions) {
      this.unconfirmed.set(redaction.redactionSequence, link.sequence);
    }
    this.redacted.push(link.sequence);
    return true;
  }

  /** prevHash || contentHash as bytes, as Buffer.from(prevHash + contentHash, 'hex') gives them. */
  private linkBytesOf(link: CanonicalLink): Buffer {
    const exact =
      link.prevHash.length === HEX_HASH_LENGTH &&
      link.contentHash.length === HEX_HASH_LENGTH &&
      this.linkBytes.write(link.prevHash, 0, 32, 'hex') === 32 &&
      this.linkBytes.write(link.contentHash, 32, 32, 'hex') === 32;
    return exact ? this.linkBytes : Buffer.from(link.prevHash + link.contentHash, 'hex');
  }

  /** A redaction event, verified as a link of the chain, that records what the walk relied on. */
  private confirm(link: CanonicalLink): void {
    const redactedSequence = this.unconfirmed.get(link.sequence);
    if (redactedSequence === undefined) {
      return;
    }
    const found = link.redactionEvent && redactionOf(link.redactionEvent);
    const relied = this.redactions.get(redactedSequence)?.find((r) => r.redactionSequence === link.sequence);
    if (found?.sequence === redactedSequence && found.redaction.redactedContentHash === relied?.redactedContentHash) {
      this.unconfirmed.delete(link.sequence);
    }
  }

  /**
   * The recorded head must match the last link: a shorter chain lost events at its end, a longer one had events
   * added past the head, and a different last hash means the last event was rewritten.
   */
  finish(head: { sequence: number; hash: string }): ChainVerification {
    const lastSequence = this.expectedSequence - 1;
    if (this.firstInvalid === null) {
      if (this.unconfirmed.size > 0) {
        this.firstInvalid = Math.min(...this.unconfirmed.values());
      } else if (head.sequence !== lastSequence) {
        this.firstInvalid = Math.min(head.sequence, lastSequence) + 1;
      } else if (head.hash !== this.previousHash) {
        this.firstInvalid = lastSequence;
      }
    }
    return {
      valid: this.firstInvalid === null,
      checked: this.checked,
      headSequence: head.sequence,
      headHash: head.hash,
      firstInvalidSequence: this.firstInvalid,
      redactedSequences: this.redacted,
    };
  }
}
