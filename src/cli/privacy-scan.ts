import 'reflect-metadata';
import { scanDatabase } from '../erasure/personal-data-scan';
import { runCli, withDataSource } from './cli-runtime';

export const EXIT_CLEAN = 0;
export const EXIT_FOUND = 1;

const TABLE_OPTION = /^--table=([a-z_][a-z0-9_]{0,62})$/;

/**
 * `npm run privacy:scan [-- --table=<name> ...]`: checks every text, character, json and jsonb column of every table
 * (the audit trail included) with the current detector. Prints one JSON line per finding — table, column, row key,
 * path inside a JSON value, kind; never the value — then a summary line. Exit 0 = nothing found, 1 = findings,
 * 2 = could not scan. Reads the same environment as the service; does not migrate.
 */
export async function scanForPersonalData(
  env: Record<string, string | undefined>,
  args: string[],
  out: (line: string) => void,
): Promise<number> {
  const tables = args.map((arg) => {
    const match = TABLE_OPTION.exec(arg);
    if (!match) {
      throw new Error(`unknown argument (expected --table=<table name>)`);
    }
    return match[1];
  });
  return withDataSource({ ...env, MIGRATIONS_RUN: 'false' }, async (dataSource) => {
    const summary = await scanDatabase(dataSource.manager, (finding) => out(JSON.stringify(finding)), {
      tables: tables.length > 0 ? tables : undefined,
    });
    out(JSON.stringify({ summary }));
    return summary.findings > 0 ? EXIT_FOUND : EXIT_CLEAN;
  });
}

if (require.main === module) {
  runCli('Privacy scan', (env, args) => scanForPersonalData(env, args, (line) => process.stdout.write(`${line}\n`)));
}
