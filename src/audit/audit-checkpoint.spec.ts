import canonicalize from 'canonicalize';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointKeyError, checkpointProblem, keyIdOf, readCheckpointKey, signCheckpoint } from './audit-checkpoint';

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
      keyId: keyIdOf(publicKey),
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
      { ...checkpoint, sequence: 1.5 },
      { ...checkpoint, headHash: 123 },
      { ...checkpoint, headHash: `x${'ab'.repeat(32)}` },
      { ...checkpoint, headHash: `${'ab'.repeat(32)}x` },
      { ...checkpoint, createdAt: 5 },
      { ...checkpoint, keyId: 5 },
      { ...checkpoint, signature: 5 },
    ]) {
      expect(checkpointProblem(value, publicKey)).toBe('not a checkpoint');
    }
  });

  it('signs and accepts the checkpoint of an empty chain (sequence 0)', () => {
    const empty = signCheckpoint({ sequence: 0, hash: '0'.repeat(64) }, new Date(0), privateKey);
    expect(checkpointProblem(empty, publicKey)).toBeNull();
  });

  it('names the key by the SHA-256 of its public half, the same from either half', () => {
    expect(checkpoint.keyId).toBe(keyIdOf(publicKey));
    expect(keyIdOf(privateKey)).toBe(keyIdOf(publicKey));
    expect(keyIdOf(createPublicKey(generateKeyPairSync('ed25519').privateKey))).not.toBe(keyIdOf(publicKey));
  });
});

describe('readCheckpointKey', () => {
  const dir = mkdtempSync(join(tmpdir(), 'checkpoint-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privatePem = file('private.pem', privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const publicPem = file('public.pem', publicKey.export({ type: 'spki', format: 'pem' }).toString());

  it('reads an Ed25519 private key and a public one', () => {
    const readPrivate = readCheckpointKey('private', privatePem, 'AUDIT_CHECKPOINT_PRIVATE_KEY');
    const readPublic = readCheckpointKey('public', publicPem, 'AUDIT_CHECKPOINT_PUBLIC_KEY');
    expect([readPrivate.type, readPublic.type]).toEqual(['private', 'public']);
    expect(keyIdOf(readPrivate)).toBe(keyIdOf(readPublic));
  });

  it('names the variable and the file, never the key, when the file is missing or holds no PEM key', () => {
    const missing = join(dir, 'missing.pem');
    expect(() => readCheckpointKey('public', missing, 'KEY_FILE')).toThrow(
      new CheckpointKeyError(`KEY_FILE: cannot read a public key from ${missing} (ENOENT)`),
    );
    const junk = file('junk.pem', 'not a key');
    expect(() => readCheckpointKey('private', junk, 'KEY_FILE')).toThrow(
      `KEY_FILE: cannot read a private key from ${junk} (ERR_`,
    );
    expect(() => readCheckpointKey('private', publicPem, 'KEY_FILE')).toThrow(CheckpointKeyError);
  });

  it('refuses a key of another type than Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    const rsaPem = file('rsa.pem', rsa.export({ type: 'spki', format: 'pem' }).toString());
    expect(() => readCheckpointKey('public', rsaPem, 'KEY_FILE')).toThrow(
      new CheckpointKeyError(`KEY_FILE: ${rsaPem} holds a rsa key, not Ed25519`),
    );
  });
});
