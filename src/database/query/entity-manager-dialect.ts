import {
  CompiledQuery,
  ConnectionProvider,
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

const memoise = (map: (name: string) => string) => {
  const known = new Map<string, string>();
  return (name: string) => {
    let mapped = known.get(name);
    if (mapped === undefined) {
      mapped = map(name);
      known.set(name, mapped);
    }
    return mapped;
  };
};

/** How an entity property is written in SQL: `caseNumber` → `case_number` (database.spec.ts holds every entity to it). */
export const columnName = memoise((property) => property.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));

/** How a result column comes back: `case_number` → `caseNumber`. */
const propertyName = memoise((column) => column.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()));

/**
 * Writes every identifier (tables, columns, aliases) in snake_case as it compiles the statement: what Kysely's
 * CamelCasePlugin does, without rebuilding the statement's tree first, which doubled the cost of compiling it.
 */
class SnakeCaseQueryCompiler extends PostgresQueryCompiler {
  protected override sanitizeIdentifier(identifier: string): string {
    return super.sanitizeIdentifier(columnName(identifier));
  }
}

/** Rows with their top-level keys as properties (every row has the first one's keys); JSON values keep theirs. */
function toProperties(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  if (rows.length === 0) {
    return rows;
  }
  const columns = Object.keys(rows[0]);
  const properties = columns.map(propertyName);
  return rows.map((row) => {
    const mapped: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      mapped[properties[i]] = row[columns[i]];
    }
    return mapped;
  });
}

/**
 * Kysely's PostgreSQL dialect with identifiers in snake_case and no connections of its own: statements run through
 * a TypeORM EntityManager (EntityManagerConnectionProvider), so a transaction's manager keeps every statement in that
 * transaction (on its connection) and the data source's manager borrows a pooled connection per statement, exactly
 * as `manager.query` does. Transactions stay TypeORM's (`dataSource.transaction`): Kysely's own are refused.
 */
export class EntityManagerDialect implements Dialect {
  createAdapter() {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new NoConnectionDriver();
  }

  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }

  createQueryCompiler() {
    return new SnakeCaseQueryCompiler();
  }
}

const refuse = () =>
  Promise.reject(new Error('Statements run on an EntityManager (queryBuilder(manager)), transactions through TypeORM'));

class NoConnectionDriver implements Driver {
  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    return refuse();
  }

  beginTransaction(): Promise<void> {
    return refuse();
  }

  commitTransaction(): Promise<void> {
    return refuse();
  }

  rollbackTransaction(): Promise<void> {
    return refuse();
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {}
}

/** Gives Kysely's executor the manager's connection for every statement. */
export class EntityManagerConnectionProvider implements ConnectionProvider {
  private readonly connection: EntityManagerConnection;

  constructor(manager: EntityManager) {
    this.connection = new EntityManagerConnection(manager);
  }

  provideConnection<T>(consumer: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
    return consumer(this.connection);
  }
}

/** Asks the query runner for the structured result, so that updates report their row count. */
class EntityManagerConnection implements DatabaseConnection {
  constructor(private readonly manager: EntityManager) {}

  async executeQuery<Row>(compiled: CompiledQuery): Promise<QueryResult<Row>> {
    const runner = this.manager.queryRunner ?? this.manager.connection.createQueryRunner();
    try {
      const result: TypeOrmQueryResult = await runner.query(compiled.sql, [...compiled.parameters], true);
      return {
        rows: toProperties((result.records ?? []) as Record<string, unknown>[]) as Row[],
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
