import { Kysely } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Database } from './database';
import { EntityManagerConnectionProvider, EntityManagerDialect } from './entity-manager-dialect';

const dialect = new EntityManagerDialect();
const base = new Kysely<Database>({ dialect });
const builders = new WeakMap<EntityManager, Kysely<Database>>();

/**
 * The typed query builder over this manager's connection (inside its transaction, if it has one). Tables and
 * columns are the entities' (src/database/query/database.ts): properties in TypeScript, their snake_case names in
 * SQL. JSON values keep their keys as stored. One compiler and executor serve every manager: a transaction's
 * builder costs one small object, not a new Kysely setup.
 */
export function queryBuilder(manager: EntityManager): Kysely<Database> {
  let db = builders.get(manager);
  if (!db) {
    db = new Kysely<Database>({
      config: { dialect },
      dialect,
      driver: dialect.createDriver(),
      executor: base.getExecutor().withConnectionProvider(new EntityManagerConnectionProvider(manager)),
    });
    builders.set(manager, db);
  }
  return db;
}
