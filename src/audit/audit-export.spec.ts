import { canonicalContent, ChainLink } from './audit-chain';
import type { RedactionIndex } from './audit-redaction';
import {
  auditExportStream,
  csvField,
  CSV_HEADER,
  csvRecord,
  EXPORT_CONTENT_TYPES,
  ndjsonRecord,
  spreadsheetSafe,
} from './audit-export';

const ZEROS = '0'.repeat(64);

const link = (sequence: number, accessReason: string | null = null): ChainLink => ({
  sequence,
  content: {
    occurredAt: '2026-01-01T00:00:00.000Z',
    action: 'organization.updated',
    actor: { type: 'system', userId: null, organizationId: null },
    entity: { type: 'organization', id: `org-${sequence}` },
    organizationIds: ['a', 'b'],
    requestId: null,
    accessReason,
    data: { note: 'a "quoted", comma' },
  },
  contentHash: ZEROS,
  prevHash: ZEROS,
  hash: ZEROS,
});

async function collect(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += chunk.toString();
  }
  return text;
}

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['', ''],
  ])('writes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('spreadsheetSafe', () => {
  it.each(['=1+1', '+46', '-x', '@SUM(A1)'])('keeps %j from running as a formula', (value) => {
    expect(spreadsheetSafe(value)).toBe(`'${value}`);
  });

  it('leaves ordinary text alone', () => {
    expect(spreadsheetSafe('Kvartalsgranskning')).toBe('Kvartalsgranskning');
  });
});

describe('auditExportStream', () => {
  const source = (total: number, batchSize: number) => {
    const reads: number[] = [];
    const readAfter = (after: number) => {
      reads.push(after);
      return Promise.resolve(
        Array.from({ length: Math.max(0, Math.min(batchSize, total - after)) }, (_, i) => link(after + i + 1)),
      );
    };
    return { reads, readAfter };
  };

  it('reads batch after batch by sequence and writes every event once, in order', async () => {
    const { reads, readAfter } = source(2500, 1000);
    const lines = (await collect(auditExportStream('ndjson', readAfter))).trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { sequence: number }).sequence)).toEqual(
      Array.from({ length: 2500 }, (_, i) => i + 1),
    );
    expect(reads).toEqual([0, 1000, 2000, 2500]);
  });

  it('reads the next batch only when the consumer asks for more', async () => {
    const { reads, readAfter } = source(10_000, 1000);
    const stream = auditExportStream('ndjson', readAfter);
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads.length).toBeLessThanOrEqual(2);
    stream.destroy();
  });

  it('writes a header and one RFC 4180 row per event', async () => {
    const text = await collect(auditExportStream('csv', source(2, 1000).readAfter));
    const [header, first] = text.split('\r\n');
    expect(`${header}\r\n`).toBe(CSV_HEADER);
    expect(
      first.startsWith('1,2026-01-01T00:00:00.000Z,organization.updated,system,,,organization,org-1,a b,,,"{'),
    ).toBe(true);
    expect(first).toContain('""note"":""a \\""quoted\\"", comma""');
  });
});

describe('the export records', () => {
  const redactions: RedactionIndex = new Map([
    [
      1,
      [
        {
          redactionSequence: 7,
          field: 'data',
          path: ['note'],
          target: 'value',
          redactedContentHash: 'ab'.repeat(32),
        },
      ],
    ],
  ]);
  const exported = [{ redactionSequence: 7, field: 'data', path: ['note'], target: 'value' }];

  it('are served as NDJSON and CSV in UTF-8', () => {
    expect(EXPORT_CONTENT_TYPES).toEqual({
      ndjson: 'application/x-ndjson; charset=utf-8',
      csv: 'text/csv; charset=utf-8',
    });
  });

  it('write the CSV columns in their documented order', () => {
    expect(CSV_HEADER).toBe(
      'sequence,occurredAt,action,actorType,actorUserId,actorOrganizationId,entityType,entityId,organizationIds,' +
        'requestId,accessReason,content,contentHash,prevHash,hash,redactions\r\n',
    );
  });

  it('write one NDJSON line per event, naming its redactions but not the redacted hash', () => {
    const event = link(1);
    const { sequence, content, contentHash, prevHash, hash } = event;
    expect(ndjsonRecord(event)).toBe(`${JSON.stringify({ sequence, content, contentHash, prevHash, hash })}\n`);
    expect(JSON.parse(ndjsonRecord(event, redactions))).toEqual({ ...event, redactions: exported });
    expect(ndjsonRecord(link(2), redactions)).not.toContain('redactions');
  });

  it('write a CSV row ending in the redactions column, empty when there are none', () => {
    const event = { ...link(1, '=cmd'), hash: 'cd'.repeat(32) };
    const row = csvRecord(event, redactions);
    const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
    expect(row).toBe(
      [
        '1',
        '2026-01-01T00:00:00.000Z',
        'organization.updated',
        'system',
        '',
        '',
        'organization',
        'org-1',
        'a b',
        '',
        "'=cmd",
        quoted(canonicalContent(event.content)),
        ZEROS,
        ZEROS,
        'cd'.repeat(32),
        quoted(JSON.stringify(exported)),
      ].join(',') + '\r\n',
    );
    expect(csvRecord(link(2), redactions).endsWith(`,${ZEROS},${ZEROS},${ZEROS},\r\n`)).toBe(true);
  });

  it('stream bytes, not objects, for the HTTP reply', async () => {
    const stream = auditExportStream('csv', (after) => Promise.resolve(after === 0 ? [link(1)] : []));
    expect(stream.readableObjectMode).toBe(false);
    const chunks: unknown[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
    }
    expect(chunks.every((chunk) => Buffer.isBuffer(chunk))).toBe(true);
  });
});
