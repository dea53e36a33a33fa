import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { PreparedStatementClient } from './prepared-statements';

export function dataSourceOptions(config: Pick<AppConfig, 'database'>): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.database.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    installExtensions: false,
    // A server that does not answer at all (not even a refusal) fails a request after 5 s (503) instead of holding it.
    extra: {
      max: config.database.poolSize,
      connectionTimeoutMillis: 5000,
      ...(config.database.mode === 'server' ? { Client: PreparedStatementClient } : {}),
    },
    // TypeORM would print a failed query with its parameters; errors reach the problem filter instead.
    logging: false,
  };
}
