import canonicalize from 'canonicalize';
import {
  AuditContent,
  canonicalContent,
  chainHash,
  ChainLink,
  ChainVerifier,
  contentHash,
  GENESIS_HASH,
} from './audit-chain';
import { RedactionIndex, redactionOf, REDACTION_ACTION } from './audit-redaction';

const content = (i: number): AuditContent => ({
  occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  action: 'organization.updated',
  actor: { type: 'system', userId: null, organizationId: null },
  entity: { type: 'organization', id: `org-${i}` },
  organizationIds: [],
  requestId: null,
  accessReason: null,
  data: { i },
});

function chain(length: number, contentAt: (sequence: number) => AuditContent = content): ChainLink[] {
  const links: ChainLink[] = [];
  let prevHash: Buffer = GENESIS_HASH;
  for (let sequence = 1; sequence <= length; sequence += 1) {
    const c = contentAt(sequence);
    const hashOfContent = contentHash(c);
    const hash = chainHash(prevHash, hashOfContent);
    links.push({
      sequence,
      content: c,
      contentHash: hashOfContent.toString('hex'),
      prevHash: prevHash.toString('hex'),
      hash: hash.toString('hex'),
    });
    prevHash = hash;
  }
  return links;
}

function verify(links: ChainLink[], head = links[links.length - 1], redactions: RedactionIndex = new Map()) {
  const verifier = new ChainVerifier(redactions);
  for (const link of links) {
    verifier.accept(link);
  }
  return verifier.finish({ sequence: head?.sequence ?? 0, hash: head?.hash ?? GENESIS_HASH.toString('hex') });
}

describe('canonicalContent', () => {
  const tricky = ['', 'Zoë & Åsa "citat"\n\t\\ /', '\u0000\u001f\u007f\u2028', '😀 \ud83d\ude00', '<script>'];
  const variants: AuditContent[] = [
    content(1),
    {
      ...content(2),
      actor: { type: 'user', userId: tricky[1], organizationId: tricky[2] },
      requestId: tricky[3],
      accessReason: tricky[4],
    },
    { ...content(3), entity: { type: tricky[0], id: tricky[1] }, organizationIds: tricky, action: tricky[3] },
    {
      ...content(4),
      data: {
        z: [1, -0, 1e21, 0.1, 1 / 3, null, true, { b: 'x', a: tricky[1] }],
        é: { '': 2, A: 1, a: [] },
        '10': 'ten',
        '9': 'nine',
        nested: { deep: { er: tricky } },
      },
    },
  ];

  it.each(variants.map((variant, i) => [i, variant] as const))(
    'writes variant %i exactly as the general RFC 8785 canonicaliser does',
    (_, variant) => {
      expect(canonicalContent(variant)).toBe(canonicalize(variant));
    },
  );

  it('hashes the same content the same whatever its key order, and different content differently', () => {
    const reordered = Object.fromEntries(Object.entries(content(1)).reverse()) as unknown as AuditContent;
    expect(contentHash(reordered).equals(contentHash(content(1)))).toBe(true);
    expect(contentHash({ ...content(1), data: { i: 2 } }).equals(contentHash(content(1)))).toBe(false);
  });
});

describe('ChainVerifier', () => {
  it('accepts an intact chain and an empty one', () => {
    const links = chain(5);
    expect(verify(links)).toEqual({
      valid: true,
      checked: 5,
      headSequence: 5,
      headHash: links[4].hash,
      firstInvalidSequence: null,
      redactedSequences: [],
    });
    expect(verify([], undefined)).toEqual({
      valid: true,
      checked: 0,
      headSequence: 0,
      headHash: GENESIS_HASH.toString('hex'),
      firstInvalidSequence: null,
      redactedSequences: [],
    });
  });

  it('finds a changed field', () => {
    const links = chain(5);
    links[2] = { ...links[2], content: { ...links[2].content, action: 'user.deleted' } };
    expect(verify(links).firstInvalidSequence).toBe(3);
  });

  it('finds a deleted event in the middle and at the end', () => {
    const links = chain(5);
    expect(verify([...links.slice(0, 2), ...links.slice(3)], links[4]).firstInvalidSequence).toBe(3);
    expect(verify(links.slice(0, 4), links[4]).firstInvalidSequence).toBe(5);
  });

  it('finds events past the recorded head, and a rewritten last event', () => {
    const links = chain(5);
    expect(verify(links, links[3]).firstInvalidSequence).toBe(5);
    expect(verify(links, { ...links[4], hash: GENESIS_HASH.toString('hex') }).firstInvalidSequence).toBe(5);
  });

  it('finds a reordering', () => {
    const links = chain(5);
    const swapped = [links[0], { ...links[2], sequence: 2 }, { ...links[1], sequence: 3 }, links[3], links[4]];
    expect(verify(swapped).firstInvalidSequence).toBe(2);
  });

  describe('a redacted event', () => {
    // Event 2's data.note is redacted; event 4 records it with the hash of event 2's content after the redaction.
    const original = { ...content(2), data: { i: 2, note: 'leaked' } };
    const redacted = { ...original, data: { i: 2, note: '[redacted]' } };
    const record = (hashOfRedacted: string): AuditContent => ({
      ...content(4),
      action: REDACTION_ACTION,
      entity: { type: 'audit_event', id: '2' },
      data: {
        sequence: 2,
        field: 'data',
        path: ['note'],
        target: 'value',
        reasonCode: 'personal_data_leak',
        redactedContentHash: hashOfRedacted,
      },
    });
    const build = (hashOfRedacted = contentHash(redacted).toString('hex')) => {
      const links = chain(5, (sequence) =>
        sequence === 2 ? original : sequence === 4 ? record(hashOfRedacted) : content(sequence),
      );
      links[1] = { ...links[1], content: redacted };
      return links;
    };
    const indexOf = (links: ChainLink[]): RedactionIndex => {
      const found = links.map(redactionOf).filter((r) => r !== null);
      return new Map(found.map((r) => [r.sequence, [r.redaction]]));
    };
    const verifyRedacted = (links: ChainLink[], head = links[links.length - 1]) => verify(links, head, indexOf(links));

    it('keeps the chain valid and is reported as redacted', () => {
      const links = build();
      expect(verifyRedacted(links)).toMatchObject({
        valid: true,
        checked: 5,
        firstInvalidSequence: null,
        redactedSequences: [2],
      });
    });

    it('breaks the chain when no redaction record accounts for it', () => {
      expect(verify(build())).toMatchObject({ valid: false, firstInvalidSequence: 2 });
    });

    it.each([
      ['another field changed', (c: AuditContent): AuditContent => ({ ...c, action: 'user.deleted' })],
      ['the redacted data changed', (c: AuditContent): AuditContent => ({ ...c, data: { i: 3, note: '[redacted]' } })],
      ['the redacted value restored', (): AuditContent => original],
    ])('finds %s', (_, change) => {
      const links = build();
      links[1] = { ...links[1], content: change(links[1].content) };
      expect(verifyRedacted(links)).toMatchObject({ valid: false, firstInvalidSequence: 2 });
    });

    it('finds a redaction record rewritten to cover a further change', () => {
      const links = build();
      const changed = { ...redacted, data: { i: 99, note: '[redacted]' } };
      links[1] = { ...links[1], content: changed };
      links[3] = { ...links[3], content: record(contentHash(changed).toString('hex')) };
      expect(verifyRedacted(links)).toMatchObject({ valid: false, firstInvalidSequence: 4 });
    });

    it('finds a redaction record that is not in the walk', () => {
      const links = build();
      expect(verify(links.slice(0, 3), links[2], indexOf(links))).toMatchObject({
        valid: false,
        firstInvalidSequence: 2,
      });
    });
  });
});
