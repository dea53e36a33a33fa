import { CamelCasePlugin, Kysely } from 'kysely';
import type { EntityManager } from 'typeorm';
import { EntityManagerDialect } from './entity-manager-dialect';
import type { Database } from './database';

const builders = new WeakMap<EntityManager, Kysely<Database>>();

/**
 * The typed query builder over this manager's connection (inside its transaction, if it has one). Tables and
 * columns are the entities' (src/database/query/database.ts): properties in TypeScript, their snake_case names in
 * SQL. JSON values keep their keys as stored.
 */
export function queryBuilder(manager: EntityManager): Kysely<Database> {
  let db = builders.get(manager);
  if (!db) {
    db = new Kysely<Database>({
      dialect: new EntityManagerDialect(manager),
      plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
    });
    builders.set(manager, db);
  }
  return db;
}
