import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { EnvironmentError, parseEnvironment } from '../config/environment';
import { resolveRuntime } from '../config/runtime';
import { dataSourceOptions } from '../database/data-source-options';
import { runMigrations } from '../database/database.module';
import { loadRoutineLibrary, RoutineLibraryResult } from '../routines/routine-library';
import { UsersRepository } from '../users/users.repository';

const USAGE = 'Usage: npm run seed:routines -- [--organization=<uuid>] [--user=<uuid>]';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `npm run seed:routines`: imports and publishes the starter routine library for one organisation (default: the
 * organisation of the first admin account), as its first coordinator or admin unless --user names one. Titles the
 * organisation already has are skipped, so it can run again safely.
 */
export async function seedRoutines(
  raw: Record<string, string | undefined>,
  args: string[],
): Promise<RoutineLibraryResult> {
  const option = (name: string) => {
    const value = args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
    if (value !== undefined && !UUID.test(value)) {
      throw new Error(`--${name} must be a uuid. ${USAGE}`);
    }
    return value;
  };
  const organization = option('organization');
  const user = option('user');
  const runtime = await resolveRuntime(parseEnvironment(raw));
  try {
    const dataSource = await new DataSource({ ...dataSourceOptions(runtime.config), extra: { max: 2 } }).initialize();
    try {
      if (runtime.config.database.migrationsRun) {
        await runMigrations(dataSource, runtime.config.database.migrationUrl);
      }
      return await loadRoutineLibrary(dataSource, {
        organizationId: organization ?? (await firstAdminOrganization(dataSource)),
        userId: user,
      });
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await runtime.close();
  }
}

async function firstAdminOrganization(dataSource: DataSource): Promise<string> {
  const organizationId = await new UsersRepository().firstAdminOrganization(dataSource.manager);
  if (!organizationId) {
    throw new Error(`There is no admin account yet: start the service once, or name an organisation. ${USAGE}`);
  }
  return organizationId;
}

async function main(): Promise<void> {
  if (existsSync('.env')) {
    process.loadEnvFile('.env');
  }
  try {
    const result = await seedRoutines(process.env, process.argv.slice(2));
    for (const routine of result.published) {
      process.stdout.write(`published  v${routine.version}  ${routine.routineId}  ${routine.title}\n`);
    }
    for (const title of result.skipped) {
      process.stdout.write(`skipped (exists)  ${title}\n`);
    }
  } catch (error) {
    process.stderr.write(
      `${error instanceof EnvironmentError ? error.message : `Seeding routines failed: ${error instanceof Error ? error.message : String(error)}`}\n`,
    );
    process.exitCode = 1;
  }
}

if (require.main === module) {
  void main();
}
