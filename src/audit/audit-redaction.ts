import type { EntityManager } from 'typeorm';
import type { AuditContent } from './audit-chain';
import { readAuditEvents } from './audit-event.repository';

/**
 * A redaction of an audit event is itself an event, `audit_event.redacted`, chained after the event it redacts. Its
 * data names the redacted event, field and path, and `redactedContentHash`: the SHA-256 of the redacted event's
 * RFC 8785 content as it is after the redaction. The redacted event keeps its contentHash and hash (the chain links
 * hold); verification checks its present content against the latest redaction's hash instead.
 */
export const REDACTION_ACTION = 'audit_event.redacted';

/** The audit event's fields the database function `audit_redact_event` redacts; everything else stays as it was. */
export const REDACTABLE_AUDIT_FIELDS = ['data', 'access_reason', 'request_id', 'entity_id'] as const;
export type RedactableAuditField = (typeof REDACTABLE_AUDIT_FIELDS)[number];

export interface Redaction {
  /** The sequence of the `audit_event.redacted` event. */
  redactionSequence: number;
  field: RedactableAuditField;
  path: unknown[];
  target: 'value' | 'key';
  redactedContentHash: string;
}

/** Redactions by the sequence of the event they redact, oldest first. */
export type RedactionIndex = ReadonlyMap<number, readonly Redaction[]>;

const HEX_HASH = /^[0-9a-f]{64}$/;

/** What of an event (a ChainLink, or less) tells whether it records a redaction, and which. */
export type RedactionEvent = { sequence: number; content: Pick<AuditContent, 'action' | 'data'> };

/** The redaction an `audit_event.redacted` event records, with the sequence it redacts; null for any other event. */
export function redactionOf(link: RedactionEvent): { sequence: number; redaction: Redaction } | null {
  if (link.content.action !== REDACTION_ACTION) {
    return null;
  }
  const { sequence, field, path, target, redactedContentHash } = link.content.data;
  const valid =
    typeof sequence === 'number' &&
    Number.isSafeInteger(sequence) &&
    sequence < link.sequence &&
    REDACTABLE_AUDIT_FIELDS.includes(field as RedactableAuditField) &&
    Array.isArray(path) &&
    (target === 'value' || target === 'key') &&
    typeof redactedContentHash === 'string' &&
    HEX_HASH.test(redactedContentHash);
  if (!valid) {
    return null;
  }
  return {
    sequence,
    redaction: {
      redactionSequence: link.sequence,
      field: field as RedactableAuditField,
      path,
      target,
      redactedContentHash,
    },
  };
}

/**
 * Every redaction recorded up to `throughSequence` (all when omitted), read through the action index in batches.
 * Redactions need two people's approval each, so there are few; they are held in memory.
 */
export async function readRedactions(
  manager: EntityManager,
  throughSequence?: number,
  batchSize = 1000,
): Promise<RedactionIndex> {
  const index = new Map<number, Redaction[]>();
  let after = 0;
  for (;;) {
    const links = await readAuditEvents(
      manager,
      { visibility: { everything: true }, filter: { action: REDACTION_ACTION }, afterSequence: after, throughSequence },
      batchSize,
    );
    for (const link of links) {
      const found = redactionOf(link);
      if (found) {
        index.set(found.sequence, [...(index.get(found.sequence) ?? []), found.redaction]);
      }
    }
    if (links.length < batchSize) {
      return index;
    }
    after = links[links.length - 1].sequence;
  }
}
