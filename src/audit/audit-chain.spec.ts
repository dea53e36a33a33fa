import canonicalize from 'canonicalize';
import { AuditContent, canonicalContent, chainHash, ChainLink, ChainVerifier, contentHash, GENESIS_HASH } from './audit-chain';

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

function chain(length: number): ChainLink[] {
  const links: ChainLink[] = [];
  let prevHash: Buffer = GENESIS_HASH;
  for (let sequence = 1; sequence <= length; sequence += 1) {
    const c = content(sequence);
    const hashOfContent = contentHash(c);
    const hash = chainHash(prevHash, hashOfContent);
    links.push({ sequence, content: c, contentHash: hashOfContent.toString('hex'), prevHash: prevHash.toString('hex'), hash: hash.toString('hex') });
    prevHash = hash;
  }
  return links;
}

function verify(links: ChainLink[], head = links[links.length - 1]) {
  const verifier = new ChainVerifier();
  for (const link of links) verifier.accept(link);
  return verifier.finish({ sequence: head?.sequence ?? 0, hash: head?.hash ?? GENESIS_HASH.toString('hex') });
}

describe('canonicalContent', () => {
  const tricky = ['', 'Zoë & Åsa "citat"\n\t\\ /', '\u0000\u001f\u007f\u2028', '😀 \ud83d\ude00', '<script>'];
  const variants: AuditContent[] = [
    content(1),
    { ...content(2), actor: { type: 'user', userId: tricky[1], organizationId: tricky[2] }, requestId: tricky[3], accessReason: tricky[4] },
    { ...content(3), entity: { type: tricky[0], id: tricky[1] }, organizationIds: tricky, action: tricky[3] },
    {
      ...content(4),
      data: { z: [1, -0, 1e21, 0.1, 1 / 3, null, true, { b: 'x', a: tricky[1] }], é: { '': 2, A: 1, a: [] }, '10': 'ten', '9': 'nine', nested: { deep: { er: tricky } } },
    },
  ];

  it.each(variants.map((variant, i) => [i, variant] as const))('writes variant %i exactly as the general RFC 8785 canonicaliser does', (_, variant) => {
    expect(canonicalContent(variant)).toBe(canonicalize(variant));
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
    expect(verify(links)).toEqual({ valid: true, checked: 5, headSequence: 5, headHash: links[4].hash, firstInvalidSequence: null, redactedSequences: [] });
    expect(verify([], undefined)).toEqual({ valid: true, checked: 0, headSequence: 0, headHash: GENESIS_HASH.toString('hex'), firstInvalidSequence: null, redactedSequences: [] });
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
});
