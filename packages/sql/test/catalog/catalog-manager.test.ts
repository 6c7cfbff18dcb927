import {
  type CatalogManager,
  catalogDatabase,
  catalogTable,
  catalogView,
  GenericInMemoryCatalog,
  genericInMemoryCatalogFactory,
  CatalogManager as Manager,
  ObjectIdentifier,
  ObjectPath,
  schemaBuilder,
  UnresolvedIdentifier,
} from '@tributary/sql';
import { beforeEach, describe, expect, it } from 'vitest';

const schema = schemaBuilder().column('id', 'INT').column('dt', 'STRING').build();
const table = (comment: string) => catalogTable({ schema, options: { connector: 'datagen' }, comment });
const view = (comment: string) => catalogView({ schema, originalQuery: 'SELECT 1', comment });

let m: CatalogManager;
beforeEach(async () => {
  m = await Manager.create();
});

describe('catalogs and USE', () => {
  it('starts in default_catalog.default_database (in memory without a data directory)', async () => {
    expect(m.currentCatalog).toBe('default_catalog');
    expect(m.currentDatabase).toBe('default_database');
    expect(m.getCatalog('default_catalog')!.type).toBe('generic_in_memory');
    expect(m.showCatalogs()).toEqual(['default_catalog']);
    expect(await m.showDatabases()).toEqual(['default_database']);
  });

  it('CREATE CATALOG through the factory registry; USE CATALOG switches to its default database', async () => {
    await m.createCatalog('mem', { type: 'generic_in_memory' });
    await m.createCatalog('mem2', { type: 'generic_in_memory', 'default-database': 'db0' });
    expect(m.showCatalogs()).toEqual(['default_catalog', 'mem', 'mem2']);
    m.useCatalog('mem');
    expect([m.currentCatalog, m.currentDatabase]).toEqual(['mem', 'default']);
    m.useCatalog('mem2');
    expect([m.currentCatalog, m.currentDatabase]).toEqual(['mem2', 'db0']);
    await expect(m.createCatalog('mem', { type: 'generic_in_memory' })).rejects.toThrow('Catalog mem already exists.');
    await m.createCatalog('mem', { type: 'generic_in_memory' }, true);
  });

  it('unknown type lists the available ones; unknown options suggest the valid key', async () => {
    await expect(m.createCatalog('c', { type: 'generic_inmemory' })).rejects.toThrow(
      "Could not find any catalog factory for type 'generic_inmemory' (catalog 'c'). Did you mean 'generic_in_memory'? Available types: generic_in_memory, tributary.",
    );
    await expect(m.createCatalog('c', { type: 'hive' })).rejects.toThrow(
      "Could not find any catalog factory for type 'hive' (catalog 'c'). Available types: generic_in_memory, tributary.",
    );
    await expect(m.createCatalog('c', {})).rejects.toThrow("do not contain an option key 'type'");
    await expect(m.createCatalog('c', { type: 'generic_in_memory', 'default-databse': 'x', zzz: '1' })).rejects.toThrow(
      "Unsupported options found for catalog 'c' of type 'generic_in_memory': 'default-databse' (did you mean 'default-database'?), 'zzz'. " +
        'Supported options: default-database, property-version, type.',
    );
    // A persistent catalog needs a place to live.
    await expect(m.createCatalog('c', { type: 'tributary' })).rejects.toThrow("needs option 'path'");
    await expect(m.createCatalog('c', { type: 'tributary', path: '/tmp/x', 'lock-timeout': 'soon' })).rejects.toThrow(
      "Invalid value for option 'lock-timeout' of catalog 'c'",
    );
    expect(m.showCatalogs()).toEqual(['default_catalog']);
  });

  it('DROP CATALOG: not the current one; unknown names suggest', async () => {
    await m.createCatalog('mem', { type: 'generic_in_memory' });
    m.useCatalog('mem');
    await expect(m.unregisterCatalog('mem')).rejects.toThrow('Cannot drop a catalog which is currently in use.');
    m.useCatalog('default_catalog');
    await m.unregisterCatalog('mem');
    expect(m.showCatalogs()).toEqual(['default_catalog']);
    await expect(m.unregisterCatalog('mem')).rejects.toThrow('Catalog mem does not exist.');
    await m.unregisterCatalog('mem', true);
    await expect(m.unregisterCatalog('default_catalo')).rejects.toThrow(
      "Catalog default_catalo does not exist. Did you mean 'default_catalog'?",
    );
  });

  it('registering a catalog object under a taken name fails; factories register once per type', async () => {
    await expect(m.registerCatalog('default_catalog', new GenericInMemoryCatalog('x'))).rejects.toThrow(
      'Catalog default_catalog already exists.',
    );
    expect(() => m.factories.register(genericInMemoryCatalogFactory)).toThrow(
      "A catalog factory for type 'generic_in_memory' is already registered.",
    );
    expect(m.factories.types()).toEqual(['generic_in_memory', 'tributary']);
  });

  it('USE errors name the catalog and suggest', async () => {
    await m.createDatabase('default_catalog', 'analytics', catalogDatabase());
    expect(() => m.useCatalog('default_catlog')).toThrow(
      "A catalog with name [default_catlog] does not exist. Did you mean 'default_catalog'?",
    );
    await expect(m.useDatabase('analytic')).rejects.toThrow(
      "A database with name [analytic] does not exist in the catalog: [default_catalog]. Did you mean 'analytics'?",
    );
    await m.useDatabase('analytics');
    expect(m.currentDatabase).toBe('analytics');
    await m.registerCatalog('other', new GenericInMemoryCatalog('other', 'odb'));
    await m.useDatabase('odb', 'other');
    expect([m.currentCatalog, m.currentDatabase]).toEqual(['other', 'odb']);
  });

  it('cannot drop the current database', async () => {
    await expect(m.dropDatabase('default_catalog', 'default_database')).rejects.toThrow(
      'Cannot drop a database which is currently in use.',
    );
    await m.createDatabase('default_catalog', 'db2', catalogDatabase());
    await m.dropDatabase('default_catalog', 'db2');
    expect(await m.showDatabases()).toEqual(['default_database']);
  });
});

describe('identifier resolution', () => {
  beforeEach(async () => {
    await m.createCatalog('c2', { type: 'generic_in_memory', 'default-database': 'd2' });
    await m.createDatabase('default_catalog', 'db1', catalogDatabase());
    await m.createTable(table('default db'), ['t']);
    await m.createTable(table('db1'), ['db1', 't']);
    await m.createTable(table('c2'), ['c2', 'd2', 't']);
  });

  it('qualifies 1, 2 and 3 part names against the current catalog and database', async () => {
    expect(m.qualifyIdentifier(['t'])).toEqual(new ObjectIdentifier('default_catalog', 'default_database', 't'));
    expect(m.qualifyIdentifier(['db1', 't'])).toEqual(new ObjectIdentifier('default_catalog', 'db1', 't'));
    expect(m.qualifyIdentifier(UnresolvedIdentifier.of('c2', 'd2', 't')).asSummaryString()).toBe('c2.d2.t');
    expect((await m.getTableOrError(['t'])).table.comment).toBe('default db');
    expect((await m.getTableOrError(['db1', 't'])).table.comment).toBe('db1');
    expect((await m.getTableOrError(['c2', 'd2', 't'])).table.comment).toBe('c2');

    await m.useDatabase('db1');
    expect((await m.getTableOrError(['t'])).table.comment).toBe('db1');
    m.useCatalog('c2');
    expect((await m.getTableOrError(['t'])).table.comment).toBe('c2');
    // 2-part names stay in the current catalog.
    await expect(m.getTableOrError(['db1', 't'])).rejects.toThrow('Database db1 does not exist in Catalog c2.');
  });

  it('rejects 0 or more than 3 parts and empty parts', () => {
    expect(() => m.qualifyIdentifier(['a', 'b', 'c', 'd'])).toThrow('Object identifier must have 1 to 3 parts');
    expect(() => m.qualifyIdentifier([])).toThrow('Object identifier must have 1 to 3 parts');
    expect(() => m.qualifyIdentifier(['a', ''])).toThrow('identifier part 2 cannot be null or empty');
  });

  it('unknown objects: says which part is missing and suggests', async () => {
    await expect(m.getTableOrError(['tt'])).rejects.toThrow(
      "Object 'tt' not found within 'default_catalog.default_database'. Did you mean 't'?",
    );
    await expect(m.getTableOrError(['db2', 't'])).rejects.toThrow(
      "Database db2 does not exist in Catalog default_catalog. Did you mean 'db1'?",
    );
    await expect(m.getTableOrError(['c3', 'd2', 't'])).rejects.toThrow("Catalog c3 does not exist. Did you mean 'c2'?");
    expect(await m.getTable(['nope'])).toBeUndefined();
    expect(await m.getTable(['nocat', 'x', 'y'])).toBeUndefined();
  });

  it('identifiers print quoted and unquoted', () => {
    const id = new ObjectIdentifier('my cat', 'd`b', 't');
    expect(id.asSummaryString()).toBe('my cat.d`b.t');
    expect(id.asSerializableString()).toBe('`my cat`.`d``b`.`t`');
    expect(ObjectPath.fromString('db.t').equals(new ObjectPath('db', 't'))).toBe(true);
    expect(id.toObjectPath().fullName).toBe('d`b.t');
    expect(() => ObjectPath.fromString('a.b.c')).toThrow(
      "Cannot parse object path 'a.b.c': expected 'database.object'.",
    );
    expect(() => new ObjectPath('', 't')).toThrow('The database name cannot be null or empty.');
    expect(UnresolvedIdentifier.of('c', 'd', 't').toString()).toBe('`c`.`d`.`t`');
  });
});

describe('temporary tables and views', () => {
  it('a temporary table shadows the permanent one until it is dropped', async () => {
    await m.createTable(table('permanent'), ['t']);
    m.createTemporaryTable(table('temporary'), ['t']);
    const found = await m.getTableOrError(['t']);
    expect(found.table.comment).toBe('temporary');
    expect(found.isTemporary).toBe(true);
    expect(found.catalog).toBeUndefined();
    expect(m.isTemporaryTable(['default_catalog', 'default_database', 't'])).toBe(true);
    // Listed once.
    expect(await m.showTables()).toEqual(['t']);

    expect(m.dropTemporaryTable(['t'])).toBe(true);
    const after = await m.getTableOrError(['t']);
    expect(after.table.comment).toBe('permanent');
    expect(after.isTemporary).toBe(false);
    expect(after.catalog).toBe(m.getCatalog('default_catalog'));
  });

  it('DROP TABLE refuses while a temporary table shadows it (Flink rule)', async () => {
    await m.createTable(table('permanent'), ['t']);
    m.createTemporaryTable(table('temporary'), ['t']);
    await expect(m.dropTable(['t'])).rejects.toThrow(
      "Temporary table with identifier '`default_catalog`.`default_database`.`t`' exists. Drop it first before removing the permanent table.",
    );
    m.dropTemporaryTable(['t']);
    await m.dropTable(['t']);
    expect(await m.getTable(['t'])).toBeUndefined();
  });

  it('temporary objects need no permanent catalog object and are session-only', async () => {
    m.createTemporaryTable(table('tmp'), ['nodb', 'x']);
    expect((await m.getTableOrError(['nodb', 'x'])).table.comment).toBe('tmp');
    expect(await m.listTables('default_catalog', 'nodb')).toEqual(['x']);
    expect(
      await m
        .getCatalog('default_catalog')!
        .tableExists(new ObjectIdentifier('default_catalog', 'nodb', 'x').toObjectPath()),
    ).toBe(false);
  });

  it('creating a temporary table twice fails unless ignoreIfExists', () => {
    m.createTemporaryTable(table('first'), ['t']);
    expect(() => m.createTemporaryTable(table('second'), ['t'])).toThrow(
      "Temporary table '`default_catalog`.`default_database`.`t`' already exists",
    );
    m.createTemporaryTable(table('second'), ['t'], true);
  });

  it('drop rules between tables and views, temporary and permanent', async () => {
    await m.createTable(table('pt'), ['pt']);
    await m.createTable(view('pv'), ['pv']);
    m.createTemporaryTable(table('tt'), ['tt']);
    m.createTemporaryTable(view('tv'), ['tv']);

    await expect(m.dropTable(['pv'])).rejects.toThrow(
      "Table with identifier 'default_catalog.default_database.pv' does not exist. 'default_catalog.default_database.pv' is a view; use DROP VIEW.",
    );
    await expect(m.dropView(['pt'])).rejects.toThrow('is a table; use DROP TABLE.');
    await expect(m.dropTable(['tt'])).rejects.toThrow(
      "Temporary table with identifier '`default_catalog`.`default_database`.`tt`' exists.",
    );
    await expect(m.dropView(['tt'])).rejects.toThrow(
      "View with identifier 'default_catalog.default_database.tt' does not exist. A temporary table has this name; use DROP TEMPORARY TABLE.",
    );
    expect(() => m.dropTemporaryTable(['tv'])).toThrow(
      "Temporary table with identifier 'default_catalog.default_database.tv' does not exist. It is a temporary view; use DROP TEMPORARY VIEW.",
    );
    expect(() => m.dropTemporaryView(['pv'])).toThrow(
      "Temporary view with identifier 'default_catalog.default_database.pv' does not exist.",
    );
    expect(() => m.dropTemporaryView(['tvv'])).toThrow("does not exist. Did you mean 'tv'?");
    await expect(m.dropTable(['ptt'])).rejects.toThrow("Did you mean 'pt'?");
    expect(m.dropTemporaryView(['nope'], true)).toBe(false);
    await m.dropTable(['nope'], true);

    expect(await m.showTables()).toEqual(['pt', 'pv', 'tt', 'tv']);
    expect(await m.showViews()).toEqual(['pv', 'tv']);
    expect(m.listTemporaryTables()).toEqual(['tt', 'tv']);
    expect(m.listTemporaryViews()).toEqual(['tv']);

    await m.dropView(['pv']);
    expect(m.dropTemporaryView(['tv'])).toBe(true);
    await m.dropTable(['pt']);
    expect(m.dropTemporaryTable(['tt'])).toBe(true);
    expect(await m.showTables()).toEqual([]);
  });

  it('ALTER and RENAME apply to permanent tables only', async () => {
    await m.createTable(table('v1'), ['t']);
    await m.alterTable(table('v2'), ['t']);
    expect((await m.getTableOrError(['t'])).table.comment).toBe('v2');
    await m.renameTable(['t'], 't2');
    expect(await m.showTables()).toEqual(['t2']);
    m.createTemporaryTable(table('tmp'), ['t2']);
    await expect(m.alterTable(table('v3'), ['t2'])).rejects.toThrow(
      "ALTER of temporary table '`default_catalog`.`default_database`.`t2`' is not supported; drop it and create it again.",
    );
    await expect(m.renameTable(['t2'], 't3')).rejects.toThrow('RENAME of temporary table');
    await m.alterTable(table('x'), ['nocat', 'db', 't'], true);
    await expect(m.alterTable(table('x'), ['nocat', 'db', 't'])).rejects.toThrow('Catalog nocat does not exist.');
  });

  it('validates schemas and partition keys before storing, naming the table', async () => {
    const bad = catalogTable({ schema, partitionKeys: ['dtt'] });
    await expect(m.createTable(bad, ['t'])).rejects.toThrow(
      "Table default_catalog.default_database.t: invalid partition key 'dtt'. A partition key must reference a physical column in the schema. Available columns are: [id, dt]. Did you mean 'dt'?",
    );
    expect(() => m.createTemporaryTable(bad, ['t'])).toThrow("invalid partition key 'dtt'");
    const computedKey = catalogTable({
      schema: schemaBuilder().column('a', 'INT').columnByExpression('b', 'a + 1').build(),
      partitionKeys: ['b'],
    });
    await expect(m.createTable(computedKey, ['t'])).rejects.toThrow("invalid partition key 'b'");
    await expect(m.createTable(catalogTable({ schema, partitionKeys: ['dt', 'dt'] }), ['t'])).rejects.toThrow(
      "partition key 'dt' is listed twice",
    );
    await expect(m.createTable(catalogView({ schema, originalQuery: ' ' }), ['v'])).rejects.toThrow(
      'View default_catalog.default_database.v has an empty query.',
    );
    expect(await m.showTables()).toEqual([]);
  });
});

describe('SHOW listings', () => {
  it('are sorted as Flink prints them (code-unit order) and filter with [NOT] LIKE / ILIKE', async () => {
    for (const name of ['b_t', 'a', 'B', 'ab%c', 'z', '_x']) await m.createTable(table(name), [name]);
    expect(await m.showTables()).toEqual(['B', '_x', 'a', 'ab%c', 'b_t', 'z']);
    expect(await m.showTables({ like: { pattern: 'a%' } })).toEqual(['a', 'ab%c']);
    expect(await m.showTables({ like: { pattern: 'b%', caseInsensitive: true } })).toEqual(['B', 'b_t']);
    expect(await m.showTables({ like: { pattern: 'a%', not: true } })).toEqual(['B', '_x', 'b_t', 'z']);
    expect(await m.showTables({ like: { pattern: '_' } })).toEqual(['B', 'a', 'z']);
    expect(await m.showTables({ like: { pattern: 'ab\\%c' } })).toEqual(['ab%c']);
    expect(await m.showTables({ like: { pattern: '\\_%' } })).toEqual(['_x']);
  });

  it('FROM another catalog and database', async () => {
    await m.createCatalog('c2', { type: 'generic_in_memory' });
    await m.createDatabase('c2', 'zeta', catalogDatabase());
    await m.createDatabase('c2', 'alpha', catalogDatabase());
    await m.createTable(table('x'), ['c2', 'alpha', 'x']);
    await m.createTable(view('v'), ['c2', 'alpha', 'v']);
    expect(await m.showDatabases({ catalog: 'c2' })).toEqual(['alpha', 'default', 'zeta']);
    expect(await m.showTables({ catalog: 'c2', database: 'alpha' })).toEqual(['v', 'x']);
    expect(await m.showViews({ catalog: 'c2', database: 'alpha' })).toEqual(['v']);
    expect(await m.showTables({ database: 'default_database' })).toEqual([]);
    await expect(m.showTables({ database: 'nope' })).rejects.toThrow(
      'Database nope does not exist in Catalog default_catalog.',
    );
    expect(m.showCurrentCatalog()).toBe('default_catalog');
    expect(m.showCurrentDatabase()).toBe('default_database');
    expect(m.showCatalogs({ pattern: 'c%' })).toEqual(['c2']);
  });
});
