import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
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

  it('refuses data that has no JSON form, rather than hashing a chain entry without it', () => {
    const withoutData = { ...content(1), data: undefined } as unknown as AuditContent;
    expect(() => canonicalContent(withoutData)).toThrow('Audit data cannot be canonicalised');
  });

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
    expect(verify(links)).toMatchObject({ valid: false, checked: 5, firstInvalidSequence: 3 });
  });

  it('finds a link whose hash does not follow from its prevHash and contentHash, though the next link carries it on', () => {
    const links = chain(5);
    const forged = 'f'.repeat(64);
    links[2] = { ...links[2], hash: forged };
    links[3] = { ...links[3], prevHash: forged };
    expect(verify(links)).toMatchObject({ valid: false, firstInvalidSequence: 3 });
  });

  it('finds a forged last link that the recorded head agrees with', () => {
    const links = chain(3);
    const forged = { ...links[2], hash: 'e'.repeat(64) };
    expect(verify([links[0], links[1], forged], forged)).toMatchObject({ valid: false, firstInvalidSequence: 3 });
  });

  it('finds a contentHash changed together with the hashes that commit to it', () => {
    // Rewritten content with a matching contentHash, but the link's hash still the old one: the chain breaks there.
    const links = chain(3);
    const rewritten = { ...links[1].content, action: 'user.deleted' };
    links[1] = { ...links[1], content: rewritten, contentHash: contentHash(rewritten).toString('hex') };
    expect(verify(links)).toMatchObject({ valid: false, firstInvalidSequence: 2 });
  });

  it('chains over the raw 32-byte values, not over their hex text', () => {
    const [first] = chain(1);
    const overText = createHash('sha256')
      .update(first.prevHash + first.contentHash)
      .digest('hex');
    const overTextLink = { ...first, hash: overText };
    expect(verify([overTextLink], overTextLink)).toMatchObject({
      valid: false,
      firstInvalidSequence: 1,
    });
  });

  it('reports the first broken link, not a later one, and still counts every link', () => {
    const links = chain(6);
    links[1] = { ...links[1], content: { ...links[1].content, action: 'user.deleted' } };
    links[4] = { ...links[4], content: { ...links[4].content, action: 'user.deleted' } };
    expect(verify(links)).toMatchObject({ valid: false, checked: 6, firstInvalidSequence: 2, headSequence: 6 });
  });

  it('starts from the genesis hash: a first link chained onto anything else fails', () => {
    const [first, second] = chain(2);
    const relabelled = { ...second, sequence: 1 };
    expect(verify([relabelled], relabelled)).toMatchObject({ valid: false, firstInvalidSequence: 1 });
    expect(verify([first], first)).toMatchObject({ valid: true, checked: 1 });
  });

  it('finds a deleted event in the middle and at the end', () => {
    const links = chain(5);
    expect(verify([...links.slice(0, 2), ...links.slice(3)], links[4])).toMatchObject({
      valid: false,
      firstInvalidSequence: 3,
    });
    expect(verify(links.slice(0, 4), links[4])).toMatchObject({ valid: false, firstInvalidSequence: 5 });
  });

  it('finds events past the recorded head, and a rewritten last event', () => {
    const links = chain(5);
    expect(verify(links, links[3])).toMatchObject({ valid: false, firstInvalidSequence: 5 });
    expect(verify(links, { ...links[4], hash: GENESIS_HASH.toString('hex') })).toMatchObject({
      valid: false,
      firstInvalidSequence: 5,
    });
    expect(verify(links.slice(0, 2), links[2])).toMatchObject({ valid: false, firstInvalidSequence: 3 });
  });

  it('finds a reordering', () => {
    const links = chain(5);
    const swapped = [links[0], { ...links[2], sequence: 2 }, { ...links[1], sequence: 3 }, links[3], links[4]];
    expect(verify(swapped)).toMatchObject({ valid: false, firstInvalidSequence: 2 });
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

    it('finds a redaction that the chain does not record: the event at its sequence is an ordinary one', () => {
      const links = build();
      const plain = chain(5, (sequence) => (sequence === 2 ? original : content(sequence)));
      plain[1] = { ...plain[1], content: redacted };
      const index: RedactionIndex = new Map([[2, indexOf(links).get(2) ?? []]]);
      expect(verify(plain, plain[4], index)).toMatchObject({ valid: false, firstInvalidSequence: 2 });
    });

    it('finds a redaction record that redacts another event than the one it is relied on for', () => {
      const hashOfRedacted = contentHash(redacted).toString('hex');
      const links = chain(5, (sequence) =>
        sequence === 2
          ? original
          : sequence === 4
            ? { ...record(hashOfRedacted), data: { ...record(hashOfRedacted).data, sequence: 3 } }
            : content(sequence),
      );
      links[1] = { ...links[1], content: redacted };
      const index: RedactionIndex = new Map([[2, indexOf(build()).get(2) ?? []]]);
      expect(verify(links, links[4], index)).toMatchObject({ valid: false, firstInvalidSequence: 2 });
    });

    it('finds a redaction index whose hash differs from what the redaction record says', () => {
      const links = build();
      const claimed = contentHash({ ...redacted, data: { i: 2, note: 'other' } }).toString('hex');
      links[1] = { ...links[1], content: { ...redacted, data: { i: 2, note: 'other' } } };
      const [relied] = indexOf(links).get(2) ?? [];
      const index: RedactionIndex = new Map([[2, [{ ...relied, redactedContentHash: claimed }]]]);
      expect(verify(links, links[4], index)).toMatchObject({ valid: false, firstInvalidSequence: 2 });
    });

    it('holds an event redacted twice to the latest redaction, each record confirming its own', () => {
      // Event 2 redacted by event 4, then again by event 5; its content is what the second redaction left.
      const again = { ...original, data: { i: 2, note: '[redacted]', more: '[redacted]' } };
      const first = record(contentHash(redacted).toString('hex'));
      const second = { ...content(5), action: REDACTION_ACTION, entity: first.entity };
      const links = chain(6, (sequence) =>
        sequence === 2
          ? original
          : sequence === 4
            ? first
            : sequence === 5
              ? { ...second, data: { ...first.data, redactedContentHash: contentHash(again).toString('hex') } }
              : content(sequence),
      );
      const index = (): RedactionIndex => {
        const found = links.map(redactionOf).filter((r) => r !== null);
        return new Map([[2, found.map((r) => r.redaction)]]);
      };
      links[1] = { ...links[1], content: again };
      expect(verify(links, links[5], index())).toMatchObject({ valid: true, redactedSequences: [2] });
      links[1] = { ...links[1], content: redacted };
      expect(verify(links, links[5], index())).toMatchObject({ valid: false, firstInvalidSequence: 2 });
    });

    it('names the earliest event whose redaction record is missing from the walk', () => {
      // Events 2 and 3 redacted by events 5 and 6; the walk ends at 4, so neither record is seen.
      const third = { ...content(3), data: { i: 3, note: 'leaked' } };
      const thirdRedacted = { ...third, data: { i: 3, note: '[redacted]' } };
      const links = chain(6, (sequence) =>
        sequence === 2
          ? original
          : sequence === 3
            ? third
            : sequence === 5
              ? record(contentHash(redacted).toString('hex'))
              : sequence === 6
                ? {
                    ...record(contentHash(thirdRedacted).toString('hex')),
                    entity: { type: 'audit_event', id: '3' },
                    data: { ...record(contentHash(thirdRedacted).toString('hex')).data, sequence: 3 },
                  }
                : content(sequence),
      );
      links[1] = { ...links[1], content: redacted };
      links[2] = { ...links[2], content: thirdRedacted };
      const index = indexOf(links);
      expect(verify(links, links[5], index)).toMatchObject({ valid: true, redactedSequences: [2, 3] });
      expect(verify(links.slice(0, 4), links[3], index)).toMatchObject({ valid: false, firstInvalidSequence: 2 });
      expect(verify([...links.slice(0, 4), links[4]], links[4], index)).toMatchObject({
        valid: false,
        firstInvalidSequence: 3,
      });
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
