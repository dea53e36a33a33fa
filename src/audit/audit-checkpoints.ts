import { createPublicKey, KeyObject } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { AuditCheckpoint, checkpointProblem, signCheckpoint } from './audit-checkpoint';
import { inTrailSnapshot, readChainHead, readHashesAt } from './audit-event.repository';

const FILE = /^audit-checkpoint-\d{12}-[0-9TZ]+\.json$/;

export interface CheckpointFailure {
  file: string;
  sequence: number | null;
  reason: string;
}

export interface CheckpointVerification {
  /** Every checkpoint is signed with the key and the chain has its hash at its sequence. */
  valid: boolean;
  checked: number;
  latestSequence: number | null;
  failures: CheckpointFailure[];
}

/** A checkpoint cannot be written because the chain no longer matches what was signed before. */
export class CheckpointRefused extends Error {}

interface CheckpointFile {
  file: string;
  value: unknown;
}

/** The checkpoint files of `dir` in name order (sequence, then time); one that is no JSON is kept as `undefined`. */
export async function readCheckpointFiles(dir: string): Promise<CheckpointFile[]> {
  const names = (await readdir(dir)).filter((name) => FILE.test(name)).sort();
  return Promise.all(
    names.map(async (file) => {
      try {
        return { file, value: JSON.parse(await readFile(join(dir, file), 'utf8')) as unknown };
      } catch {
        return { file, value: undefined };
      }
    }),
  );
}

/**
 * Checks every checkpoint file against the chain as `manager` sees it: the signature with `publicKey`, and the
 * event at its sequence having its hash. With a chain that verifies, this means the chain extends every
 * checkpoint — a rewrite of anything up to a checkpoint, however well its hashes were recomputed, fails here.
 */
export async function verifyCheckpoints(
  manager: EntityManager,
  files: CheckpointFile[],
  publicKey: KeyObject,
): Promise<CheckpointVerification> {
  const head = await readChainHead(manager);
  const signed = files.map(({ file, value }) => ({ file, value, problem: checkpointProblem(value, publicKey) }));
  const sequences = signed.filter((c) => c.problem === null).map((c) => (c.value as AuditCheckpoint).sequence);
  const stored = await readHashesAt(manager, sequences);
  const failures: CheckpointFailure[] = [];
  for (const { file, value, problem } of signed) {
    const sequence =
      typeof (value as AuditCheckpoint | undefined)?.sequence === 'number' ? (value as AuditCheckpoint).sequence : null;
    const checkpoint = value as AuditCheckpoint;
    const reason =
      problem ??
      (checkpoint.sequence > head.sequence
        ? `the chain's head (${head.sequence}) is behind this checkpoint`
        : stored.get(checkpoint.sequence) !== checkpoint.headHash
          ? 'the chain has another hash at this sequence'
          : null);
    if (reason) {
      failures.push({ file, sequence, reason });
    }
  }
  return {
    valid: failures.length === 0,
    checked: files.length,
    latestSequence: sequences.length ? Math.max(...sequences) : null,
    failures,
  };
}

/**
 * Signs the chain's current head and writes it to `dir`, in one read-only snapshot. It first checks that the chain
 * still has the hash of the latest checkpoint this key signed there, and that the head's own event has the head's
 * hash: a key that signed a chain once does not then sign a rewritten one. With `onlyIfMoved` nothing is written
 * while the head is where the latest checkpoint has it (the schedule on a quiet day).
 */
export async function writeCheckpoint(
  dataSource: DataSource,
  dir: string,
  privateKey: KeyObject,
  options: { now?: Date; onlyIfMoved?: boolean } = {},
): Promise<{ file: string; checkpoint: AuditCheckpoint } | null> {
  await mkdir(dir, { recursive: true });
  const files = await readCheckpointFiles(dir);
  const checkpoint = await inTrailSnapshot(dataSource, async (snapshot) => {
    const head = await readChainHead(snapshot);
    const publicKey = createPublicKey(privateKey);
    const ours = files
      .filter((f) => checkpointProblem(f.value, publicKey) === null)
      .map((f) => f.value as AuditCheckpoint);
    const latest = ours.reduce<AuditCheckpoint | undefined>(
      (a, c) => (a && a.sequence >= c.sequence ? a : c),
      undefined,
    );
    const stored = await readHashesAt(snapshot, [head.sequence, ...(latest ? [latest.sequence] : [])]);
    if (stored.get(head.sequence) !== head.hash) {
      throw new CheckpointRefused(`The chain's head (${head.sequence}) is not the hash of its own event`);
    }
    if (latest && (latest.sequence > head.sequence || stored.get(latest.sequence) !== latest.headHash)) {
      throw new CheckpointRefused(
        `The chain no longer extends the checkpoint at sequence ${latest.sequence}: run npm run audit:verify -- --checkpoints`,
      );
    }
    if (options.onlyIfMoved && latest?.sequence === head.sequence) {
      return null;
    }
    return signCheckpoint(head, options.now ?? new Date(), privateKey);
  });
  if (!checkpoint) {
    return null;
  }
  const name = `audit-checkpoint-${String(checkpoint.sequence).padStart(12, '0')}-${checkpoint.createdAt.replace(/[-:.]/g, '')}.json`;
  // Written whole or not at all: a reader never sees half a file.
  const temporary = join(dir, `.${name}.tmp`);
  await writeFile(temporary, `${JSON.stringify(checkpoint, null, 2)}\n`, { flag: 'wx', mode: 0o644 });
  await rename(temporary, join(dir, name));
  return { file: join(dir, name), checkpoint };
}
