import {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  QueryResult,
} from 'kysely';
import type { EntityManager, QueryResult as TypeOrmQueryResult } from 'typeorm';

/**
 * Runs Kysely's statements through a TypeORM EntityManager: a transaction's manager keeps every statement in that
 * transaction (on its connection), the data source's manager borrows a pooled connection per statement, exactly as
 * `manager.query` does. It asks the query runner for the structured result so that updates report their row count.
 * Transactions stay TypeORM's (`dataSource.transaction`): Kysely's own are refused.
 */
export class EntityManagerDialect implements Dialect {
  constructor(private readonly manager: EntityManager) {}

  createAdapter() {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new EntityManagerDriver(this.manager);
  }

  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class EntityManagerDriver implements Driver {
  private readonly connection: EntityManagerConnection;

  constructor(manager: EntityManager) {
    this.connection = new EntityManagerConnection(manager);
  }

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(this.connection);
  }

  beginTransaction(): Promise<void> {
    return Promise.reject(new Error('Transactions are TypeORM’s: run the query builder on the transaction’s manager'));
  }

  commitTransaction(): Promise<void> {
    return this.beginTransaction();
  }

  rollbackTransaction(): Promise<void> {
    return this.beginTransaction();
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {}
}

class EntityManagerConnection implements DatabaseConnection {
  constructor(private readonly manager: EntityManager) {}

  async executeQuery<Row>(compiled: CompiledQuery): Promise<QueryResult<Row>> {
    const runner = this.manager.queryRunner ?? this.manager.connection.createQueryRunner();
    try {
      const result: TypeOrmQueryResult = await runner.query(compiled.sql, [...compiled.parameters], true);
      return {
        rows: (result.records ?? []) as Row[],
        numAffectedRows: result.affected === undefined ? undefined : BigInt(result.affected),
      };
    } finally {
      if (!this.manager.queryRunner) {
        await runner.release();
      }
    }
  }

  streamQuery<Row>(): AsyncIterableIterator<QueryResult<Row>> {
    throw new Error('Streaming is not supported through an EntityManager');
  }
}
