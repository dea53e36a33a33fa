import canonicalize from 'canonicalize';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { checkpointProblem, signCheckpoint } from './audit-checkpoint';

describe('audit checkpoint signatures', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const head = { sequence: 42, hash: 'ab'.repeat(32) };
  const checkpoint = signCheckpoint(head, new Date('2026-12-01T20:00:00.000Z'), privateKey);

  it('signs the RFC 8785 JSON of everything but the signature, as the docs tell a third party to check it', () => {
    const { signature, ...signed } = checkpoint;
    expect(signed).toEqual({
      type: 'samverkan.audit-checkpoint.v1',
      sequence: 42,
      headHash: head.hash,
      createdAt: '2026-12-01T20:00:00.000Z',
      keyId: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(verify(null, Buffer.from(canonicalize(signed) as string), publicKey, Buffer.from(signature, 'base64'))).toBe(
      true,
    );
    expect(checkpointProblem(checkpoint, publicKey)).toBeNull();
  });

  it.each([
    ['sequence', { sequence: 41 }],
    ['head hash', { headHash: 'cd'.repeat(32) }],
    ['time', { createdAt: '2026-12-01T21:00:00.000Z' }],
    ['signature', { signature: Buffer.alloc(64).toString('base64') }],
  ])('finds a changed %s', (_field, change) => {
    expect(checkpointProblem({ ...checkpoint, ...change }, publicKey)).toBe('bad signature');
  });

  it('names a checkpoint of another key and anything that is not a checkpoint', () => {
    const other = createPublicKey(generateKeyPairSync('ed25519').privateKey);
    expect(checkpointProblem(checkpoint, other)).toBe('signed with another key');
    for (const value of [
      undefined,
      null,
      'x',
      { ...checkpoint, sequence: -1 },
      { ...checkpoint, headHash: 'AB'.repeat(32) },
      { ...checkpoint, type: 'v2' },
    ]) {
      expect(checkpointProblem(value, publicKey)).toBe('not a checkpoint');
    }
  });
});
