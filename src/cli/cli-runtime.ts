import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { EnvironmentError, parseEnvironment } from '../config/environment';
import { resolveRuntime } from '../config/runtime';
import { dataSourceOptions } from '../database/data-source-options';
import { runMigrations } from '../database/database.module';

/** Opens the database the service is configured for (embedded or server), migrated, for the length of `work`. */
export async function withDataSource<T>(
  raw: Record<string, string | undefined>,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const runtime = await resolveRuntime(parseEnvironment(raw));
  try {
    const dataSource = await new DataSource({ ...dataSourceOptions(runtime.config), extra: { max: 2 } }).initialize();
    try {
      if (runtime.config.database.migrationsRun) {
        await runMigrations(dataSource, runtime.config.database.migrationUrl);
      }
      return await work(dataSource);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await runtime.close();
  }
}

/** Runs a command-line entry point: reads .env like the service, prints failures plainly, sets the exit code. */
export function runCli(
  name: string,
  command: (env: Record<string, string | undefined>, args: string[]) => Promise<number | void>,
): void {
  if (existsSync('.env')) {
    process.loadEnvFile('.env');
  }
  command(process.env, process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      const message =
        error instanceof EnvironmentError
          ? error.message
          : `${name} failed: ${error instanceof Error ? error.message : String(error)}`;
      process.stderr.write(`${message}\n`);
      process.exitCode = 2;
    },
  );
}
