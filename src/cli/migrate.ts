import 'reflect-metadata';
import { runCli, withDataSource } from './cli-runtime';

/** `npm run migration:run`: applies pending migrations once per release, so replicas can start with MIGRATIONS_RUN=false. */
runCli('Migrating', async (env) => {
  const pending = await withDataSource({ ...env, MIGRATIONS_RUN: 'true' }, (dataSource) => dataSource.showMigrations());
  process.stdout.write(pending ? 'Migrations still pending.\n' : 'The database schema is up to date.\n');
  return pending ? 1 : 0;
});
