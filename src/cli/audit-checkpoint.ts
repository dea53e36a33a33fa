import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { readCheckpointKey } from '../audit/audit-checkpoint';
import { CheckpointRefused, writeCheckpoint } from '../audit/audit-checkpoints';
import { EnvironmentError, parseEnvironment } from '../config/environment';
import { resolveRuntime } from '../config/runtime';
import { dataSourceOptions } from '../database/data-source-options';
import { runCli } from './cli-runtime';

export const EXIT_WRITTEN = 0;
export const EXIT_REFUSED = 1;

/**
 * `npm run audit:checkpoint`: signs the audit chain's current head with AUDIT_CHECKPOINT_PRIVATE_KEY_FILE and
 * writes it to AUDIT_CHECKPOINT_DIR, printing the file and the checkpoint. Exit code 0 = written, 1 = refused (the
 * chain no longer extends the latest checkpoint there), 2 = could not write.
 */
export async function writeAuditCheckpoint(
  raw: Record<string, string | undefined>,
  out: (line: string) => void,
): Promise<number> {
  const runtime = await resolveRuntime(parseEnvironment(raw));
  try {
    const { dir, privateKeyFile } = runtime.config.auditCheckpoints ?? {};
    if (!dir || !privateKeyFile) {
      throw new EnvironmentError([
        'AUDIT_CHECKPOINT_DIR and AUDIT_CHECKPOINT_PRIVATE_KEY_FILE: both are needed to write a checkpoint',
      ]);
    }
    const privateKey = readCheckpointKey('private', privateKeyFile, 'AUDIT_CHECKPOINT_PRIVATE_KEY_FILE');
    const dataSource = await new DataSource({ ...dataSourceOptions(runtime.config), extra: { max: 1 } }).initialize();
    try {
      const written = await writeCheckpoint(dataSource, dir, privateKey);
      out(JSON.stringify(written, null, 2));
      return EXIT_WRITTEN;
    } catch (error) {
      if (!(error instanceof CheckpointRefused)) {
        throw error;
      }
      out(JSON.stringify({ refused: error.message }, null, 2));
      return EXIT_REFUSED;
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await runtime.close();
  }
}

if (require.main === module) {
  runCli('Audit checkpoint', (env) => writeAuditCheckpoint(env, (line) => process.stdout.write(`${line}\n`)));
}
