import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { EnvironmentError, parseEnvironment } from '../config/environment';
import { resolveRuntime } from '../config/runtime';
import { dataSourceOptions } from '../database/data-source-options';

export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_FAILED = 2;

/**
 * `npm run audit:verify`: verifies the audit chain of the database the service is configured for and prints
 * `{ valid, checked, headSequence, headHash, firstInvalidSequence }`. Exit code 0 = intact, 1 = broken,
 * 2 = could not verify (bad configuration, database unreachable or not migrated).
 */
export async function verifyAuditTrail(raw: Record<string, string | undefined>, out: (line: string) => void): Promise<number> {
  const runtime = await resolveRuntime(parseEnvironment(raw));
  try {
    const dataSource = await new DataSource({ ...dataSourceOptions(runtime.config), extra: { max: 1 } }).initialize();
    try {
      const result = await new AuditService(dataSource).verify();
      out(JSON.stringify(result, null, 2));
      return result.valid ? EXIT_VALID : EXIT_INVALID;
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await runtime.close();
  }
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    process.exitCode = await verifyAuditTrail(process.env, (line) => process.stdout.write(`${line}\n`));
  } catch (error) {
    const message = error instanceof EnvironmentError ? error.message : `Audit verification failed: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${message}\n`);
    process.exitCode = EXIT_FAILED;
  }
}

if (require.main === module) void main();
