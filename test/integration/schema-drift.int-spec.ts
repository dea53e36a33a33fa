import { DataSource } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { ENTITIES } from '../../src/database/entities';
import { startTestApp, TestApp } from '../support/test-app';

interface DatabaseColumn {
  column_name: string;
  is_nullable: 'YES' | 'NO';
  udt_name: string;
  column_default: string | null;
  is_identity: 'YES' | 'NO';
  is_generated: string;
}

const UDT_BY_TYPE: Record<string, string> = {
  uuid: 'uuid',
  varchar: 'varchar',
  'character varying': 'varchar',
  char: 'bpchar',
  character: 'bpchar',
  text: 'text',
  timestamptz: 'timestamptz',
  'timestamp with time zone': 'timestamptz',
  date: 'date',
  jsonb: 'jsonb',
  bytea: 'bytea',
  bigint: 'int8',
  integer: 'int4',
  int: 'int4',
  smallint: 'int2',
  boolean: 'bool',
};

function expectedUdt(column: ColumnMetadata): string {
  const type =
    typeof column.type === 'string'
      ? column.type
      : column.type === Number
        ? 'integer'
        : column.type === String
          ? 'varchar'
          : column.type === Boolean
            ? 'boolean'
            : column.type === Date
              ? 'timestamptz'
              : String(column.type);
  const udt = UDT_BY_TYPE[type] ?? type;
  return column.isArray ? `_${udt}` : udt;
}

/**
 * Migrations are hand-written SQL, entities are TypeScript: this keeps them in step. Every entity column must exist
 * with the same type and nullability, and every NOT NULL column without a default must be mapped (or inserts fail).
 */
describe('entities match the migrated schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('has no drift between entity metadata and the database', async () => {
    const dataSource = t.app.get(DataSource);
    const problems: string[] = [];
    for (const entity of ENTITIES) {
      const metadata = dataSource.getMetadata(entity);
      const columns = await dataSource.query<DatabaseColumn[]>(
        `SELECT column_name, is_nullable, udt_name, column_default, is_identity, is_generated FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [metadata.tableName],
      );
      if (columns.length === 0) {
        problems.push(`${metadata.tableName}: table missing`);
        continue;
      }
      const byName = new Map(columns.map((column) => [column.column_name, column]));
      for (const column of metadata.columns) {
        const actual = byName.get(column.databaseName);
        if (!actual) {
          problems.push(`${metadata.tableName}.${column.databaseName}: column missing`);
          continue;
        }
        if (actual.udt_name !== expectedUdt(column)) {
          problems.push(
            `${metadata.tableName}.${column.databaseName}: type ${actual.udt_name}, entity says ${expectedUdt(column)}`,
          );
        }
        if ((actual.is_nullable === 'YES') !== column.isNullable) {
          problems.push(
            `${metadata.tableName}.${column.databaseName}: nullable ${actual.is_nullable}, entity says ${column.isNullable}`,
          );
        }
      }
      const mapped = new Set(metadata.columns.map((column) => column.databaseName));
      for (const column of columns) {
        const filledByDatabase =
          column.column_default !== null || column.is_identity === 'YES' || column.is_generated !== 'NEVER';
        if (!mapped.has(column.column_name) && column.is_nullable === 'NO' && !filledByDatabase) {
          problems.push(`${metadata.tableName}.${column.column_name}: NOT NULL without default, but not in the entity`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('has no migration left to run', async () => {
    expect(await t.app.get(DataSource).showMigrations()).toBe(false);
  });
});
