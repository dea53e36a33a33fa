import { Readable } from 'node:stream';
import { canonicalContent, ChainLink } from './audit-chain';
import type { RedactionIndex } from './audit-redaction';
import type { AuditExportFormat } from './dto/audit-event.dto';

export const EXPORT_CONTENT_TYPES: Record<AuditExportFormat, string> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** Which fields of an event were redacted, and by which `audit_event.redacted` event. */
export type ExportedRedaction = { redactionSequence: number; field: string; path: unknown[]; target: string };

function redactionsOf(link: ChainLink, redactions: RedactionIndex): ExportedRedaction[] | undefined {
  return redactions
    .get(link.sequence)
    ?.map(({ redactionSequence, field, path, target }) => ({ redactionSequence, field, path, target }));
}

/**
 * One JSON object per line: the content as it is, and the three hashes in hex. Re-verify with
 * contentHash = SHA-256(RFC 8785 JSON of content) and hash = SHA-256(prevHash || contentHash) over raw bytes; for a
 * record with `redactions`, SHA-256(RFC 8785 JSON of content) is instead the `redactedContentHash` in the content of
 * its last redaction event (docs/audit.md).
 */
export function ndjsonRecord(link: ChainLink, redactions: RedactionIndex = new Map()): string {
  const { sequence, content, contentHash, prevHash, hash } = link;
  return `${JSON.stringify({ sequence, content, contentHash, prevHash, hash, redactions: redactionsOf(link, redactions) })}\n`;
}

const CSV_COLUMNS = [
  'sequence',
  'occurredAt',
  'action',
  'actorType',
  'actorUserId',
  'actorOrganizationId',
  'entityType',
  'entityId',
  'organizationIds',
  'requestId',
  'accessReason',
  'content',
  'contentHash',
  'prevHash',
  'hash',
  'redactions',
];

export const CSV_HEADER = `${CSV_COLUMNS.join(',')}\r\n`;

/**
 * RFC 4180 rows. The `content` column is the canonical JSON itself (its SHA-256 is contentHash, or for a redacted
 * event the redaction's redactedContentHash); the columns before it repeat its fields for people reading the file
 * in a spreadsheet; `redactions` is empty or the JSON array of the event's redactions.
 */
export function csvRecord(link: ChainLink, redactions: RedactionIndex = new Map()): string {
  const { content, contentHash, prevHash, hash } = link;
  const readable = [
    content.occurredAt,
    content.action,
    content.actor.type,
    content.actor.userId,
    content.actor.organizationId,
    content.entity.type,
    content.entity.id,
    content.organizationIds.join(' '),
    content.requestId,
    content.accessReason,
  ].map((value) => csvField(spreadsheetSafe(value ?? '')));
  const redacted = redactionsOf(link, redactions);
  return (
    [
      String(link.sequence),
      ...readable,
      csvField(canonicalContent(content)),
      contentHash,
      prevHash,
      hash,
      redacted ? csvField(JSON.stringify(redacted)) : '',
    ].join(',') + '\r\n'
  );
}

/** Quotes a field holding a comma, quote or line break, doubling its quotes (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Spreadsheets run a cell that starts with = + - @ as a formula: a leading apostrophe keeps it text (OWASP). */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Streams the records batch by batch: the next batch is read only when the consumer has taken the previous
 * one, so memory stays constant however long the chain is.
 */
export function auditExportStream(
  format: AuditExportFormat,
  readAfter: (sequence: number) => Promise<ChainLink[]>,
  redactions: RedactionIndex = new Map(),
): Readable {
  const record = (link: ChainLink) => (format === 'csv' ? csvRecord(link, redactions) : ndjsonRecord(link, redactions));
  async function* chunks(): AsyncGenerator<string> {
    if (format === 'csv') {
      yield CSV_HEADER;
    }
    let after = 0;
    for (;;) {
      const links = await readAfter(after);
      if (links.length === 0) {
        return;
      }
      yield links.map(record).join('');
      after = links[links.length - 1].sequence;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
