import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Catalog,
  CatalogException,
  catalogDatabase,
  catalogFunction,
  catalogPartition,
  catalogTable,
  catalogView,
  DatabaseAlreadyExistException,
  DatabaseNotEmptyException,
  DatabaseNotExistException,
  FunctionAlreadyExistException,
  FunctionNotExistException,
  GenericInMemoryCatalog,
  ObjectPath,
  PartitionAlreadyExistsException,
  PartitionNotExistException,
  PartitionSpecInvalidException,
  PersistentCatalog,
  schemaBuilder,
  TableAlreadyExistException,
  TableNotExistException,
  TableNotPartitionedException,
} from '@tributary/sql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/*
 * One behavioural suite run against every catalog type: the Catalog contract of Flink's GenericInMemoryCatalog
 * (CatalogTestBase / GenericInMemoryCatalogTest in Flink).
 */

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Flavor {
  type: string;
  defaultDatabase: string;
  make(): Catalog;
}

const flavors: Flavor[] = [
  {
    type: 'generic_in_memory',
    defaultDatabase: 'default',
    make: () => new GenericInMemoryCatalog('cat'),
  },
  {
    type: 'tributary',
    defaultDatabase: 'default_database',
    make: () => {
      const dir = mkdtempSync(join(tmpdir(), 'trib-catalog-'));
      dirs.push(dir);
      return new PersistentCatalog('cat', { path: join(dir, 'cat') });
    },
  },
];

const schema = schemaBuilder()
  .column('id', 'BIGINT NOT NULL')
  .column('name', 'STRING')
  .column('dt', 'STRING')
  .columnByExpression('upper_name', 'UPPER(name)')
  .columnByMetadata('ts', 'TIMESTAMP_LTZ(3)', 'timestamp', true)
  .watermark('ts', "ts - INTERVAL '5' SECOND")
  .primaryKey('id')
  .build();

const table = (comment = 'a table') =>
  catalogTable({ schema, options: { connector: 'datagen', 'rows-per-second': '10' }, comment });
const partitioned = () => catalogTable({ schema, options: { connector: 'filesystem' }, partitionKeys: ['dt', 'name'] });
const view = () =>
  catalogView({
    schema: schemaBuilder().column('id', 'BIGINT NOT NULL').build(),
    originalQuery: 'SELECT id FROM t',
    expandedQuery: 'SELECT `t`.`id` FROM `cat`.`db1`.`t`',
    comment: 'a view',
  });

const p = (db: string, name: string) => new ObjectPath(db, name);

describe.each(flavors)('$type catalog', (flavor) => {
  let catalog: Catalog;
  beforeEach(async () => {
    catalog = flavor.make();
    await catalog.open();
  });
  afterEach(async () => {
    await catalog.close();
  });

  describe('databases', () => {
    it('has its default database and reports its type', async () => {
      expect(catalog.type).toBe(flavor.type);
      expect(catalog.getDefaultDatabase()).toBe(flavor.defaultDatabase);
      expect(await catalog.listDatabases()).toEqual([flavor.defaultDatabase]);
      expect(await catalog.databaseExists(flavor.defaultDatabase)).toBe(true);
    });

    it('creates, gets, alters, lists and drops databases', async () => {
      await catalog.createDatabase('db2', catalogDatabase({ k: 'v' }, 'second'));
      await catalog.createDatabase('db1', catalogDatabase());
      expect(await catalog.listDatabases()).toEqual(['db1', 'db2', flavor.defaultDatabase].sort());
      expect(await catalog.getDatabase('db2')).toEqual({ properties: { k: 'v' }, comment: 'second' });

      await catalog.alterDatabase('db2', catalogDatabase({ k: 'w', x: 'y' }));
      expect(await catalog.getDatabase('db2')).toEqual({ properties: { k: 'w', x: 'y' } });

      await catalog.dropDatabase('db2');
      expect(await catalog.databaseExists('db2')).toBe(false);
      expect(await catalog.listDatabases()).toEqual(['db1', flavor.defaultDatabase].sort());
    });

    it('honours ignoreIfExists / ignoreIfNotExists and names the catalog in errors', async () => {
      await catalog.createDatabase('db1', catalogDatabase({ a: '1' }));
      await expect(catalog.createDatabase('db1', catalogDatabase())).rejects.toThrow(
        new DatabaseAlreadyExistException('cat', 'db1').message,
      );
      await catalog.createDatabase('db1', catalogDatabase({ a: '2' }), true);
      expect((await catalog.getDatabase('db1')).properties).toEqual({ a: '1' });

      await expect(catalog.dropDatabase('nope')).rejects.toBeInstanceOf(DatabaseNotExistException);
      await catalog.dropDatabase('nope', true);
      await expect(catalog.alterDatabase('nope', catalogDatabase())).rejects.toThrow(
        'Database nope does not exist in Catalog cat.',
      );
      await catalog.alterDatabase('nope', catalogDatabase(), true);
      expect(await catalog.databaseExists('nope')).toBe(false);
    });

    it('suggests the closest database name', async () => {
      await catalog.createDatabase('sales', catalogDatabase());
      await expect(catalog.getDatabase('sale')).rejects.toThrow(
        "Database sale does not exist in Catalog cat. Did you mean 'sales'?",
      );
      await expect(catalog.listTables('slaes')).rejects.toThrow("Did you mean 'sales'?");
    });

    it('refuses to drop a non-empty database unless cascade, which drops its tables and functions', async () => {
      await catalog.createDatabase('db1', catalogDatabase());
      await catalog.createTable(p('db1', 't'), table());
      await expect(catalog.dropDatabase('db1')).rejects.toBeInstanceOf(DatabaseNotEmptyException);
      await expect(catalog.dropDatabase('db1')).rejects.toThrow('Database db1 in catalog cat is not empty.');
      await catalog.dropTable(p('db1', 't'));
      await catalog.createFunction(p('db1', 'f'), catalogFunction('m.js#f'));
      await expect(catalog.dropDatabase('db1', false, false)).rejects.toBeInstanceOf(DatabaseNotEmptyException);

      await catalog.createTable(p('db1', 't'), partitioned());
      await catalog.createPartition(p('db1', 't'), { dt: '1', name: 'a' }, catalogPartition());
      await catalog.dropDatabase('db1', false, true);
      expect(await catalog.databaseExists('db1')).toBe(false);
      // Recreating the database gives an empty one: nothing of the cascade-dropped content comes back.
      await catalog.createDatabase('db1', catalogDatabase());
      expect(await catalog.listTables('db1')).toEqual([]);
      expect(await catalog.listFunctions('db1')).toEqual([]);
      expect(await catalog.functionExists(p('db1', 'f'))).toBe(false);
    });
  });

  describe('tables and views', () => {
    beforeEach(async () => {
      await catalog.createDatabase('db1', catalogDatabase());
    });

    it('stores the unresolved schema, options, partition keys and comment exactly', async () => {
      await catalog.createTable(p('db1', 't'), table());
      await catalog.createTable(p('db1', 'pt'), partitioned());
      const got = await catalog.getTable(p('db1', 't'));
      expect(got).toEqual({
        kind: 'TABLE',
        schema: {
          columns: [
            { kind: 'physical', name: 'id', dataType: 'BIGINT NOT NULL' },
            { kind: 'physical', name: 'name', dataType: 'STRING' },
            { kind: 'physical', name: 'dt', dataType: 'STRING' },
            { kind: 'computed', name: 'upper_name', expression: 'UPPER(name)' },
            { kind: 'metadata', name: 'ts', dataType: 'TIMESTAMP_LTZ(3)', metadataKey: 'timestamp', isVirtual: true },
          ],
          watermarkSpecs: [{ columnName: 'ts', expression: "ts - INTERVAL '5' SECOND" }],
          primaryKey: { constraintName: 'PK_id', columnNames: ['id'] },
        },
        options: { connector: 'datagen', 'rows-per-second': '10' },
        partitionKeys: [],
        comment: 'a table',
      });
      expect(
        (await catalog.getTable(p('db1', 'pt'))).kind === 'TABLE' && (await catalog.getTable(p('db1', 'pt'))),
      ).toMatchObject({
        partitionKeys: ['dt', 'name'],
      });
    });

    it('hands out copies: changing a returned table does not change the catalog', async () => {
      const t = table();
      await catalog.createTable(p('db1', 't'), t);
      t.options.connector = 'changed-after-create';
      const got = await catalog.getTable(p('db1', 't'));
      expect(got.options.connector).toBe('datagen');
      got.options.connector = 'changed-after-get';
      expect((await catalog.getTable(p('db1', 't'))).options.connector).toBe('datagen');
    });

    it('lists tables (with views) and views separately, sorted', async () => {
      await catalog.createTable(p('db1', 'b'), table());
      await catalog.createTable(p('db1', 'v'), view());
      await catalog.createTable(p('db1', 'a'), table());
      expect(await catalog.listTables('db1')).toEqual(['a', 'b', 'v']);
      expect(await catalog.listViews('db1')).toEqual(['v']);
      expect(await catalog.getTable(p('db1', 'v'))).toEqual({
        kind: 'VIEW',
        schema: { columns: [{ kind: 'physical', name: 'id', dataType: 'BIGINT NOT NULL' }], watermarkSpecs: [] },
        originalQuery: 'SELECT id FROM t',
        expandedQuery: 'SELECT `t`.`id` FROM `cat`.`db1`.`t`',
        options: {},
        comment: 'a view',
      });
    });

    it('create: missing database is an error even with ignoreIfExists; existing table unless ignoreIfExists', async () => {
      await expect(catalog.createTable(p('nodb', 't'), table(), true)).rejects.toBeInstanceOf(
        DatabaseNotExistException,
      );
      await catalog.createTable(p('db1', 't'), table('first'));
      await expect(catalog.createTable(p('db1', 't'), table())).rejects.toThrow(
        'Table (or view) db1.t already exists in Catalog cat.',
      );
      await expect(catalog.createTable(p('db1', 't'), view())).rejects.toBeInstanceOf(TableAlreadyExistException);
      await catalog.createTable(p('db1', 't'), table('second'), true);
      expect((await catalog.getTable(p('db1', 't'))).comment).toBe('first');
    });

    it('get/exists of missing tables, with suggestions', async () => {
      await catalog.createTable(p('db1', 'orders'), table());
      expect(await catalog.tableExists(p('db1', 'orders'))).toBe(true);
      expect(await catalog.tableExists(p('db1', 'order'))).toBe(false);
      expect(await catalog.tableExists(p('nodb', 'orders'))).toBe(false);
      await expect(catalog.getTable(p('db1', 'order'))).rejects.toThrow(
        "Table (or view) db1.order does not exist in Catalog cat. Did you mean 'orders'?",
      );
      await expect(catalog.getTable(p('db2', 'orders'))).rejects.toThrow(
        "Table (or view) db2.orders does not exist in Catalog cat. Database db2 does not exist. Did you mean 'db1'?",
      );
    });

    it('alter replaces the table but not its kind', async () => {
      await catalog.createTable(p('db1', 't'), table());
      await catalog.createTable(p('db1', 'v'), view());
      const altered = catalogTable({ schema, options: { connector: 'print' }, comment: 'altered' });
      await catalog.alterTable(p('db1', 't'), altered);
      expect(await catalog.getTable(p('db1', 't'))).toEqual(altered);
      await expect(catalog.alterTable(p('db1', 't'), view())).rejects.toThrow(
        "Table types don't match. Existing table is 'TABLE' and new table is 'VIEW'.",
      );
      await expect(catalog.alterTable(p('db1', 'v'), table())).rejects.toBeInstanceOf(CatalogException);
      await expect(catalog.alterTable(p('db1', 'x'), table())).rejects.toBeInstanceOf(TableNotExistException);
      await catalog.alterTable(p('db1', 'x'), table(), true);
      expect(await catalog.tableExists(p('db1', 'x'))).toBe(false);
    });

    it('rename moves the table and its partitions; target must be free', async () => {
      await catalog.createTable(p('db1', 'pt'), partitioned());
      await catalog.createTable(p('db1', 'other'), table());
      await catalog.createPartition(p('db1', 'pt'), { dt: '2024-01-01', name: 'a' }, catalogPartition({ k: 'v' }));
      await expect(catalog.renameTable(p('db1', 'pt'), 'other')).rejects.toThrow(
        'Table (or view) db1.other already exists in Catalog cat.',
      );
      await catalog.renameTable(p('db1', 'pt'), 'pt2');
      expect(await catalog.listTables('db1')).toEqual(['other', 'pt2']);
      expect(await catalog.listPartitions(p('db1', 'pt2'))).toEqual([{ dt: '2024-01-01', name: 'a' }]);
      expect(await catalog.getPartition(p('db1', 'pt2'), { name: 'a', dt: '2024-01-01' })).toEqual({
        properties: { k: 'v' },
      });
      await expect(catalog.renameTable(p('db1', 'pt'), 'x')).rejects.toBeInstanceOf(TableNotExistException);
      await catalog.renameTable(p('db1', 'pt'), 'x', true);
      // A new table under the old name starts without the old partitions.
      await catalog.createTable(p('db1', 'pt'), partitioned());
      expect(await catalog.listPartitions(p('db1', 'pt'))).toEqual([]);
    });

    it('drop removes tables and views; missing ones unless ignoreIfNotExists', async () => {
      await catalog.createTable(p('db1', 't'), table());
      await catalog.createTable(p('db1', 'v'), view());
      await catalog.dropTable(p('db1', 'v'));
      await catalog.dropTable(p('db1', 't'));
      expect(await catalog.listTables('db1')).toEqual([]);
      await expect(catalog.dropTable(p('db1', 't'))).rejects.toBeInstanceOf(TableNotExistException);
      await catalog.dropTable(p('db1', 't'), true);
      await catalog.dropTable(p('nodb', 't'), true);
    });

    it('table names are case-sensitive', async () => {
      await catalog.createTable(p('db1', 'T'), table());
      await catalog.createTable(p('db1', 't'), table());
      expect(await catalog.listTables('db1')).toEqual(['T', 't']);
    });

    it('rejects something that is neither a table nor a view', async () => {
      await expect(catalog.createTable(p('db1', 't'), { kind: 'MODEL' } as never)).rejects.toThrow(
        'Unknown kind of catalog table: "MODEL"; expected TABLE or VIEW.',
      );
    });
  });

  describe('functions', () => {
    beforeEach(async () => {
      await catalog.createDatabase('db1', catalogDatabase());
    });

    it('creates, gets, alters, lists and drops functions; names are case-insensitive', async () => {
      await catalog.createFunction(p('db1', 'MyUpper'), catalogFunction('./udfs.js#upper', 'JAVASCRIPT'));
      await catalog.createFunction(
        p('db1', 'abs2'),
        catalogFunction('com.acme.Abs', 'JAVA', [{ resourceType: 'JAR', uri: 'file:///x.jar' }]),
      );
      expect(await catalog.listFunctions('db1')).toEqual(['abs2', 'myupper']);
      expect(await catalog.functionExists(p('db1', 'MYUPPER'))).toBe(true);
      expect(await catalog.getFunction(p('db1', 'myUpper'))).toEqual({
        className: './udfs.js#upper',
        language: 'JAVASCRIPT',
        resourceUris: [],
      });
      await expect(catalog.createFunction(p('db1', 'MYUPPER'), catalogFunction('x'))).rejects.toThrow(
        new FunctionAlreadyExistException('cat', p('db1', 'myupper')).message,
      );
      await catalog.createFunction(p('db1', 'myupper'), catalogFunction('ignored'), true);
      await catalog.alterFunction(p('db1', 'MyUpper'), catalogFunction('./v2.js#upper'));
      expect((await catalog.getFunction(p('db1', 'myupper'))).className).toBe('./v2.js#upper');
      await catalog.dropFunction(p('db1', 'MYUPPER'));
      expect(await catalog.listFunctions('db1')).toEqual(['abs2']);
    });

    it('errors: missing database, missing function (with suggestion), ignore flags', async () => {
      await catalog.createFunction(p('db1', 'parse_url2'), catalogFunction('x'));
      await expect(catalog.createFunction(p('nodb', 'f'), catalogFunction('x'))).rejects.toBeInstanceOf(
        DatabaseNotExistException,
      );
      await expect(catalog.getFunction(p('db1', 'parse_url'))).rejects.toThrow(
        "Function db1.parse_url does not exist in Catalog cat. Did you mean 'parse_url2'?",
      );
      await expect(catalog.dropFunction(p('db1', 'nope'))).rejects.toBeInstanceOf(FunctionNotExistException);
      await expect(catalog.alterFunction(p('db1', 'nope'), catalogFunction('x'))).rejects.toBeInstanceOf(
        FunctionNotExistException,
      );
      await catalog.dropFunction(p('db1', 'nope'), true);
      await catalog.alterFunction(p('db1', 'nope'), catalogFunction('x'), true);
      expect(await catalog.functionExists(p('db1', 'nope'))).toBe(false);
      expect(await catalog.functionExists(p('nodb', 'nope'))).toBe(false);
      await expect(catalog.listFunctions('nodb')).rejects.toBeInstanceOf(DatabaseNotExistException);
    });
  });

  describe('partitions', () => {
    const pt = p('db1', 'pt');
    beforeEach(async () => {
      await catalog.createDatabase('db1', catalogDatabase());
      await catalog.createTable(pt, partitioned());
      await catalog.createTable(p('db1', 't'), table());
    });

    it('creates, lists (all and by partial spec), gets, alters and drops partitions', async () => {
      await catalog.createPartition(pt, { dt: '2024-01-01', name: 'a' }, catalogPartition({ loc: '/a' }, 'first'));
      await catalog.createPartition(pt, { name: 'b', dt: '2024-01-01' }, catalogPartition());
      await catalog.createPartition(pt, { dt: '2024-01-02', name: 'a' }, catalogPartition());
      const all = await catalog.listPartitions(pt);
      expect(all).toHaveLength(3);
      expect(all).toEqual(
        expect.arrayContaining([
          { dt: '2024-01-01', name: 'a' },
          { dt: '2024-01-01', name: 'b' },
          { dt: '2024-01-02', name: 'a' },
        ]),
      );
      // Specs come back in partition-key order whatever order they were given in.
      expect(all.map((s) => Object.keys(s))).toEqual([
        ['dt', 'name'],
        ['dt', 'name'],
        ['dt', 'name'],
      ]);
      expect(await catalog.listPartitions(pt, { dt: '2024-01-01' })).toEqual(
        expect.arrayContaining([
          { dt: '2024-01-01', name: 'a' },
          { dt: '2024-01-01', name: 'b' },
        ]),
      );
      expect(await catalog.listPartitions(pt, { name: 'a', dt: '2024-01-02' })).toEqual([
        { dt: '2024-01-02', name: 'a' },
      ]);
      // As in Flink: a partial spec naming a key the table does not have matches nothing.
      expect(await catalog.listPartitions(pt, { hour: '1' })).toEqual([]);

      expect(await catalog.partitionExists(pt, { name: 'a', dt: '2024-01-01' })).toBe(true);
      expect(await catalog.partitionExists(pt, { dt: '2024-01-01' })).toBe(false);
      expect(await catalog.getPartition(pt, { dt: '2024-01-01', name: 'a' })).toEqual({
        properties: { loc: '/a' },
        comment: 'first',
      });
      await catalog.alterPartition(pt, { dt: '2024-01-01', name: 'a' }, catalogPartition({ loc: '/b' }));
      expect(await catalog.getPartition(pt, { dt: '2024-01-01', name: 'a' })).toEqual({ properties: { loc: '/b' } });
      await catalog.dropPartition(pt, { name: 'a', dt: '2024-01-01' });
      expect(await catalog.listPartitions(pt)).toHaveLength(2);
    });

    it('partition errors as Flink raises them', async () => {
      await expect(catalog.listPartitions(p('db1', 'nope'))).rejects.toBeInstanceOf(TableNotExistException);
      await expect(catalog.listPartitions(p('db1', 't'))).rejects.toThrow(
        'Table db1.t in catalog cat is not partitioned.',
      );
      await expect(catalog.createPartition(p('db1', 't'), { dt: '1' }, catalogPartition())).rejects.toBeInstanceOf(
        TableNotPartitionedException,
      );
      await expect(catalog.createPartition(pt, { dt: '1' }, catalogPartition())).rejects.toThrow(
        "PartitionSpec (dt='1') does not match partition keys [dt, name] of table db1.pt in catalog cat.",
      );
      await expect(catalog.createPartition(pt, { dt: '1', nam: 'x' }, catalogPartition())).rejects.toThrow(
        "does not match partition keys [dt, name] of table db1.pt in catalog cat. Did you mean 'name'?",
      );
      await expect(
        catalog.createPartition(pt, { dt: '1', name: 'x', extra: 'y' }, catalogPartition()),
      ).rejects.toBeInstanceOf(PartitionSpecInvalidException);

      await catalog.createPartition(pt, { dt: '1', name: 'x' }, catalogPartition({ v: '1' }));
      await expect(catalog.createPartition(pt, { dt: '1', name: 'x' }, catalogPartition())).rejects.toBeInstanceOf(
        PartitionAlreadyExistsException,
      );
      await catalog.createPartition(pt, { dt: '1', name: 'x' }, catalogPartition({ v: '2' }), true);
      expect((await catalog.getPartition(pt, { dt: '1', name: 'x' })).properties).toEqual({ v: '1' });

      await expect(catalog.getPartition(pt, { dt: '2', name: 'x' })).rejects.toThrow(
        "Partition (dt='2', name='x') of table db1.pt in catalog cat does not exist.",
      );
      await expect(catalog.dropPartition(pt, { dt: '2', name: 'x' })).rejects.toBeInstanceOf(
        PartitionNotExistException,
      );
      await expect(catalog.alterPartition(pt, { dt: '2', name: 'x' }, catalogPartition())).rejects.toBeInstanceOf(
        PartitionNotExistException,
      );
      await catalog.dropPartition(pt, { dt: '2', name: 'x' }, true);
      await catalog.alterPartition(pt, { dt: '2', name: 'x' }, catalogPartition(), true);
      expect(await catalog.listPartitions(pt)).toEqual([{ dt: '1', name: 'x' }]);
    });

    it('dropping the table drops its partitions; altering to other partition keys clears them', async () => {
      await catalog.createPartition(pt, { dt: '1', name: 'x' }, catalogPartition());
      await catalog.alterTable(
        pt,
        catalogTable({
          schema,
          options: { connector: 'filesystem' },
          partitionKeys: ['dt', 'name'],
          comment: 'same keys',
        }),
      );
      expect(await catalog.listPartitions(pt)).toEqual([{ dt: '1', name: 'x' }]);
      await catalog.alterTable(pt, catalogTable({ schema, partitionKeys: ['dt'] }));
      expect(await catalog.listPartitions(pt)).toEqual([]);
      await catalog.createPartition(pt, { dt: '1' }, catalogPartition());
      await catalog.dropTable(pt);
      await catalog.createTable(pt, catalogTable({ schema, partitionKeys: ['dt'] }));
      expect(await catalog.partitionExists(pt, { dt: '1' })).toBe(false);
    });
  });

  it('a failed update leaves the catalog unchanged', async () => {
    await catalog.createDatabase('db1', catalogDatabase());
    await catalog.createTable(p('db1', 'a'), table());
    await catalog.createTable(p('db1', 'b'), table());
    await expect(catalog.renameTable(p('db1', 'a'), 'b')).rejects.toBeInstanceOf(TableAlreadyExistException);
    expect(await catalog.listTables('db1')).toEqual(['a', 'b']);
  });

  it('concurrent updates from one process all land', async () => {
    await catalog.createDatabase('db1', catalogDatabase());
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => catalog.createTable(p('db1', `t${String(i).padStart(2, '0')}`), table())),
    );
    const expected = Array.from({ length: 20 }, (_, i) => `t${String(i).padStart(2, '0')}`);
    expect(await catalog.listTables('db1')).toEqual(expected);
  });
});
