import { Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { migrateAsOwner } from './app-role';
import { dataSourceOptions } from './data-source-options';

const MIGRATION_LOCK_KEY = 748_213_001;

/**
 * Applies pending migrations under an advisory lock, so replicas starting together migrate once. With
 * `migrationUrl` they run as the schema's owner, who then grants `dataSource`'s role what the service needs.
 */
export async function runMigrations(dataSource: DataSource, migrationUrl?: string): Promise<void> {
  if (migrationUrl) {
    return migrateAsOwner(dataSource, migrationUrl, (owner) => runMigrations(owner));
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) {
      new Logger('Migrations').log(`Applied ${applied.map((m) => m.name).join(', ')}`);
    }
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dataSourceOptions(config),
    }),
  ],
})
export class DatabaseModule {}
