import 'reflect-metadata';
import { createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { readCheckpointKey } from '../audit/audit-checkpoint';
import type { ChainVerification } from '../audit/audit-chain';
import { CheckpointVerification, readCheckpointFiles, verifyCheckpoints } from '../audit/audit-checkpoints';
import { inTrailSnapshot } from '../audit/audit-event.repository';
import { AuditService } from '../audit/audit.service';
import type { AppConfig } from '../config/app-config';
import { EnvironmentError, parseEnvironment } from '../config/environment';
import { resolveRuntime } from '../config/runtime';
import { dataSourceOptions } from '../database/data-source-options';

export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_FAILED = 2;

/**
 * `npm run audit:verify [-- --checkpoints [DIR] [--public-key FILE]]`: verifies the audit chain of the database the
 * service is configured for and prints `{ valid, checked, headSequence, headHash, firstInvalidSequence,
 * redactedSequences }`; with `--checkpoints` (DIR, or AUDIT_CHECKPOINT_DIR) also `checkpoints: { valid, checked,
 * latestSequence, failures }`, every signed checkpoint there checked against the same snapshot. Exit code 0 =
 * intact (and extending every checkpoint), 1 = broken, 2 = could not verify (bad configuration, database
 * unreachable or not migrated, no checkpoints or no key to check them with).
 */
export async function verifyAuditTrail(
  raw: Record<string, string | undefined>,
  out: (line: string) => void,
  args: string[] = [],
): Promise<number> {
  const runtime = await resolveRuntime(parseEnvironment(raw));
  try {
    const checkpoints = checkpointOptions(args, runtime.config);
    const dataSource = await new DataSource({ ...dataSourceOptions(runtime.config), extra: { max: 1 } }).initialize();
    try {
      const audit = new AuditService(dataSource);
      const files = checkpoints && (await readCheckpointFiles(checkpoints.dir));
      if (checkpoints && !files?.length) {
        throw new Error(`No audit checkpoints in ${checkpoints.dir}`);
      }
      const result: ChainVerification & { checkpoints?: CheckpointVerification } = !checkpoints
        ? await audit.verify()
        : await inTrailSnapshot(dataSource, async (snapshot) => ({
            ...(await audit.verify(snapshot)),
            checkpoints: await verifyCheckpoints(snapshot, files ?? [], checkpoints.publicKey),
          }));
      out(JSON.stringify(result, null, 2));
      return result.valid && (result.checkpoints?.valid ?? true) ? EXIT_VALID : EXIT_INVALID;
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await runtime.close();
  }
}

/** `--checkpoints [DIR]` and `--public-key FILE` (or `=` forms); the key defaults to the configured public, else private, key. */
function checkpointOptions(args: string[], config: AppConfig) {
  const option = (name: string) => {
    const at = args.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
    if (at < 0) {
      return undefined;
    }
    const value = args[at].includes('=')
      ? args[at].slice(name.length + 1)
      : args[at + 1]?.startsWith('--')
        ? ''
        : (args[at + 1] ?? '');
    return { value };
  };
  const dirOption = option('--checkpoints');
  if (!dirOption) {
    return undefined;
  }
  const settings = config.auditCheckpoints ?? { intervalSeconds: 0 };
  const dir = dirOption.value || settings.dir;
  if (!dir) {
    throw new EnvironmentError(['--checkpoints: give the directory, or set AUDIT_CHECKPOINT_DIR']);
  }
  const keyFile = option('--public-key')?.value;
  const publicKey = keyFile
    ? readCheckpointKey('public', keyFile, '--public-key')
    : settings.publicKeyFile
      ? readCheckpointKey('public', settings.publicKeyFile, 'AUDIT_CHECKPOINT_PUBLIC_KEY_FILE')
      : settings.privateKeyFile
        ? createPublicKey(readCheckpointKey('private', settings.privateKeyFile, 'AUDIT_CHECKPOINT_PRIVATE_KEY_FILE'))
        : undefined;
  if (!publicKey) {
    throw new EnvironmentError(['--checkpoints: give --public-key FILE, or set AUDIT_CHECKPOINT_PUBLIC_KEY_FILE']);
  }
  return { dir, publicKey };
}

async function main(): Promise<void> {
  if (existsSync('.env')) {
    process.loadEnvFile('.env');
  }
  try {
    process.exitCode = await verifyAuditTrail(
      process.env,
      (line) => process.stdout.write(`${line}\n`),
      process.argv.slice(2),
    );
  } catch (error) {
    const message =
      error instanceof EnvironmentError
        ? error.message
        : `Audit verification failed: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${message}\n`);
    process.exitCode = EXIT_FAILED;
  }
}

if (require.main === module) {
  void main();
}
