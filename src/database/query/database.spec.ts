import { getMetadataArgsStorage } from 'typeorm';
import { ENTITIES } from '../entities';
import { ENTITY_TABLES } from './database';
import { columnName } from './entity-manager-dialect';

const metadata = getMetadataArgsStorage();
const tables = Object.entries(ENTITY_TABLES);

describe('the query builder schema', () => {
  it('names each entity by its table (a table left out cannot be queried: the builder does not compile)', () => {
    for (const [name, spec] of tables) {
      expect(ENTITIES).toContain(spec.entity);
      expect(metadata.tables.find((entry) => entry.target === spec.entity)?.name).toBe(name);
    }
  });

  it.each(tables)('%s: every column is the snake_case of its property, as the query builder writes it', (_, spec) => {
    const columns = metadata.columns.filter((column) => column.target === spec.entity);
    expect(columns.length).toBeGreaterThan(0);
    for (const column of columns) {
      expect({ property: column.propertyName, column: column.options.name ?? column.propertyName }).toEqual({
        property: column.propertyName,
        column: columnName(column.propertyName),
      });
    }
  });

  it.each(tables)('%s: the columns an insert may leave out are those with a database default', (_, spec) => {
    const defaulted = [
      ...metadata.generations.filter((entry) => entry.target === spec.entity).map((entry) => entry.propertyName),
      ...metadata.columns
        .filter(
          (column) =>
            column.target === spec.entity &&
            (column.mode === 'createDate' || column.mode === 'updateDate' || column.options.default !== undefined),
        )
        .map((column) => column.propertyName),
    ];
    expect([...(spec.defaulted as readonly string[])].sort()).toEqual([...new Set(defaulted)].sort());
  });
});
