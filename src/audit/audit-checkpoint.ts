import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';

/**
 * A signed statement, kept outside the database, that the audit chain had `headHash` at `sequence` at `createdAt`.
 * The signature (Ed25519, base64) covers the RFC 8785 canonical JSON of every other field, `type` included, so a
 * third party checks it with any Ed25519 implementation and the public key alone.
 */
export interface AuditCheckpoint {
  type: typeof CHECKPOINT_TYPE;
  sequence: number;
  /** The hash of event `sequence` (lowercase hex); for sequence 0, the chain's 32 zero bytes. */
  headHash: string;
  createdAt: string;
  /** SHA-256 (hex) of the signing key's public key in DER (SPKI) form: which key to check it with. */
  keyId: string;
  signature: string;
}

export const CHECKPOINT_TYPE = 'samverkan.audit-checkpoint.v1';

export class CheckpointKeyError extends Error {}

/** Reads an Ed25519 key from a PEM file; the error names the variable that points to it, never the key. */
export function readCheckpointKey(kind: 'private' | 'public', file: string, variable: string): KeyObject {
  let key: KeyObject;
  try {
    const pem = readFileSync(file);
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch (error) {
    throw new CheckpointKeyError(
      `${variable}: cannot read a ${kind} key from ${file} (${(error as NodeJS.ErrnoException).code ?? 'not a PEM key'})`,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new CheckpointKeyError(`${variable}: ${file} holds a ${key.asymmetricKeyType} key, not Ed25519`);
  }
  return key;
}

export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

const signedBytes = (checkpoint: Omit<AuditCheckpoint, 'signature'>) =>
  Buffer.from(
    canonicalize({
      type: checkpoint.type,
      sequence: checkpoint.sequence,
      headHash: checkpoint.headHash,
      createdAt: checkpoint.createdAt,
      keyId: checkpoint.keyId,
    }) as string,
    'utf8',
  );

export function signCheckpoint(
  head: { sequence: number; hash: string },
  createdAt: Date,
  privateKey: KeyObject,
): AuditCheckpoint {
  const unsigned = {
    type: CHECKPOINT_TYPE,
    sequence: head.sequence,
    headHash: head.hash,
    createdAt: createdAt.toISOString(),
    keyId: keyIdOf(privateKey),
  } as const;
  return { ...unsigned, signature: sign(null, signedBytes(unsigned), privateKey).toString('base64') };
}

/** Why a checkpoint cannot be relied on, or null when its form and signature hold. */
export function checkpointProblem(value: unknown, publicKey: KeyObject): string | null {
  if (!isCheckpoint(value)) {
    return 'not a checkpoint';
  }
  if (value.keyId !== keyIdOf(publicKey)) {
    return 'signed with another key';
  }
  try {
    return verify(null, signedBytes(value), publicKey, Buffer.from(value.signature, 'base64')) ? null : 'bad signature';
  } catch {
    return 'bad signature';
  }
}

function isCheckpoint(value: unknown): value is AuditCheckpoint {
  const c = value as Partial<AuditCheckpoint> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    c.type === CHECKPOINT_TYPE &&
    Number.isSafeInteger(c.sequence) &&
    (c.sequence as number) >= 0 &&
    typeof c.headHash === 'string' &&
    /^[0-9a-f]{64}$/.test(c.headHash) &&
    typeof c.createdAt === 'string' &&
    typeof c.keyId === 'string' &&
    typeof c.signature === 'string'
  );
}
