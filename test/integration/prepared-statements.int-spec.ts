import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { statementName } from '../../src/database/prepared-statements';
import { ADMIN_DATABASE_URL } from '../support/test-services';

/** Server mode prepares every parameterised statement once per connection, and answers exactly as unnamed ones do. */
describe('prepared statements', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await new DataSource({
      ...dataSourceOptions({
        database: { mode: 'server', url: ADMIN_DATABASE_URL, poolSize: 1, migrationsRun: false },
      }),
      entities: [],
      migrations: [],
    }).initialize();
  });
  afterAll(() => dataSource.destroy());

  it('names a parameterised statement once and reuses it; statements without parameters stay unnamed', async () => {
    const text = `SELECT $1::int + 1 AS n`;
    expect(await dataSource.query(text, [1])).toEqual([{ n: 2 }]);
    expect(await dataSource.query(text, [41])).toEqual([{ n: 42 }]);
    const prepared = await dataSource.query<{ name: string; statement: string }[]>(
      `SELECT name, statement FROM pg_prepared_statements WHERE name = $1 OR statement = $2`,
      [statementName(text), 'SELECT 7 AS seven'],
    );
    expect(prepared).toEqual([{ name: statementName(text), statement: text }]);
    await dataSource.query('SELECT 7 AS seven');
  });

  it('reports errors of a named statement as usual, and a failed one can be run again', async () => {
    const text = `SELECT 1 / $1::int AS n`;
    await expect(dataSource.query(text, [0])).rejects.toThrow('division by zero');
    expect(await dataSource.query(text, [1])).toEqual([{ n: 1 }]);
    await expect(dataSource.query(`SELECT $1::int FROM no_such_table`, [1])).rejects.toThrow('does not exist');
    await expect(dataSource.query(`SELECT $1::int FROM no_such_table`, [1])).rejects.toThrow('does not exist');
  });

  it('runs in transactions like any statement', async () => {
    await dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('samverkan.probe', $1, true)`, ['x']);
      expect(await manager.query(`SELECT current_setting($1) AS v`, ['samverkan.probe'])).toEqual([{ v: 'x' }]);
    });
  });
});
