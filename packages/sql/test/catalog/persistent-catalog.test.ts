import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CatalogManager,
  catalogDatabase,
  catalogFunction,
  catalogPartition,
  catalogTable,
  catalogView,
  ObjectPath,
  PersistentCatalog,
  schemaBuilder,
} from '@tributary/sql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deadPid, startChild } from './child-process.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trib-pcat-'));
  path = join(dir, 'cat');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = async (p = path) => {
  const c = new PersistentCatalog('cat', { path: p });
  await c.open();
  return c;
};
const schema = schemaBuilder()
  .column('id', 'BIGINT NOT NULL')
  .withComment('the key')
  .column('payload', 'ROW<a INT, `b c` ARRAY<STRING>>')
  .column('dt', 'STRING')
  .columnByExpression('len', "CHAR_LENGTH(payload.`b c`[1]) + 1 -- 'quoted'")
  .columnByMetadata('part', 'INT', undefined, true)
  .columnByMetadata('ts', 'TIMESTAMP_LTZ(3)', 'timestamp')
  .watermark('ts', "ts - INTERVAL '1' SECOND")
  .primaryKeyNamed('pk', 'id')
  .build();
const table = (name: string) =>
  catalogTable({
    schema,
    options: { connector: 'filesystem', path: `/data/${name}`, format: 'json' },
    partitionKeys: ['dt'],
    comment: `table ${name}`,
  });
const p = (db: string, name: string) => new ObjectPath(db, name);

describe('PersistentCatalog persistence', () => {
  it('everything survives close and reopen by a new instance', async () => {
    const a = await open();
    await a.createDatabase('db1', catalogDatabase({ owner: 'me' }, 'first db'));
    await a.createTable(p('db1', 'orders'), table('orders'));
    await a.createTable(
      p('db1', 'v'),
      catalogView({
        schema,
        originalQuery: 'SELECT * FROM orders',
        expandedQuery: 'SELECT * FROM `cat`.`db1`.`orders`',
      }),
    );
    await a.createFunction(p('db1', 'MyFn'), catalogFunction('./fns.js#myFn', 'JAVASCRIPT'));
    await a.createPartition(p('db1', 'orders'), { dt: '2024-05-01' }, catalogPartition({ files: '3' }, 'may'));
    await a.createTable(p('default_database', 't'), table('t'));
    await a.close();

    const b = await open();
    expect(await b.listDatabases()).toEqual(['db1', 'default_database']);
    expect(await b.getDatabase('db1')).toEqual({ properties: { owner: 'me' }, comment: 'first db' });
    expect(await b.listTables('db1')).toEqual(['orders', 'v']);
    expect(await b.listViews('db1')).toEqual(['v']);
    expect(await b.getTable(p('db1', 'orders'))).toEqual(table('orders'));
    expect((await b.getTable(p('db1', 'orders'))).schema).toEqual(schema);
    expect(await b.getFunction(p('db1', 'myfn'))).toEqual({
      className: './fns.js#myFn',
      language: 'JAVASCRIPT',
      resourceUris: [],
    });
    expect(await b.listPartitions(p('db1', 'orders'))).toEqual([{ dt: '2024-05-01' }]);
    expect(await b.getPartition(p('db1', 'orders'), { dt: '2024-05-01' })).toEqual({
      properties: { files: '3' },
      comment: 'may',
    });
    expect(await b.tableExists(p('default_database', 't'))).toBe(true);

    await b.dropDatabase('db1', false, true);
    await b.close();
    const c = await open();
    expect(await c.listDatabases()).toEqual(['default_database']);
    await c.close();
  });

  it('stores one readable JSON file per database', async () => {
    const a = await open();
    await a.createDatabase('db1', catalogDatabase());
    await a.createTable(p('db1', 'orders'), table('orders'));
    await a.close();
    expect(readdirSync(join(path, 'databases')).sort()).toEqual(['db1.json', 'default_database.json']);
    const doc = JSON.parse(readFileSync(join(path, 'databases', 'db1.json'), 'utf8'));
    expect(doc.format).toBe('tributary-catalog-database');
    expect(doc.version).toBe(1);
    expect(doc.name).toBe('db1');
    expect(doc.tables[0].name).toBe('orders');
    expect(doc.tables[0].table.schema.columns[1]).toEqual({
      kind: 'physical',
      name: 'payload',
      dataType: 'ROW<a INT, `b c` ARRAY<STRING>>',
    });
    expect(doc.tables[0].partitions).toEqual([]);
    expect(existsSync(join(path, 'LOCK'))).toBe(false);
  });

  it('database names that are not file names map to distinct files and back', async () => {
    const a = await open();
    const names = ['Sales', 'sales', 'a.b', '../etc', 'ünï côde', 'x%41', '.hidden'];
    for (const n of names) await a.createDatabase(n, catalogDatabase({ name: n }));
    await a.close();
    const files = readdirSync(join(path, 'databases'));
    expect(files).toHaveLength(names.length + 1);
    // Every file stays inside databases/ and no two differ only by case.
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(files.length);
    expect(files.every((f) => !f.includes('/') && !f.startsWith('.'))).toBe(true);
    const b = await open();
    expect(await b.listDatabases()).toEqual([...names, 'default_database'].sort());
    for (const n of names) expect((await b.getDatabase(n)).properties.name).toBe(n);
    await b.close();
  });

  it('recovers from a crash that left a temp file and a lock of a dead process behind', async () => {
    const a = await open();
    await a.createDatabase('db1', catalogDatabase());
    await a.createTable(p('db1', 'orders'), table('orders'));
    await a.close();
    const before = readFileSync(join(path, 'databases', 'db1.json'), 'utf8');
    // What a writer killed between writing its temp file and renaming it leaves: a half-written temp file...
    writeFileSync(join(path, 'databases', '.db1.json.tmp-4242-7'), before.slice(0, before.length / 2));
    // ...and its lock.
    writeFileSync(
      join(path, 'LOCK'),
      JSON.stringify({ pid: deadPid(), hostname: hostname(), token: 'x', acquiredAt: 'then' }),
    );

    const b = await open();
    expect(readdirSync(join(path, 'databases')).sort()).toEqual(['db1.json', 'default_database.json']);
    expect(existsSync(join(path, 'LOCK'))).toBe(false);
    expect(await b.listDatabases()).toEqual(['db1', 'default_database']);
    expect(await b.getTable(p('db1', 'orders'))).toEqual(table('orders'));
    await b.createTable(p('db1', 'after'), table('after'));
    expect(await b.listTables('db1')).toEqual(['after', 'orders']);
    await b.close();
  });

  it('a process killed (SIGKILL) in the middle of updates leaves a consistent catalog', async () => {
    const child = startChild('create-tables', path, 'db1', 't', '100000');
    await child.waitForLine((l) => l === 't00030');
    child.process.kill('SIGKILL');
    const { signal } = await child.exited;
    expect(signal).toBe('SIGKILL');
    const printed = child.lines.length;

    const b = await open();
    const tables = await b.listTables('db1');
    // Every table reported created is there; at most one more (created but not yet reported) may be too.
    expect(tables.length === printed || tables.length === printed + 1).toBe(true);
    expect(tables).toEqual(Array.from({ length: tables.length }, (_, i) => `t${String(i).padStart(5, '0')}`));
    const last = await b.getTable(p('db1', tables[tables.length - 1]!));
    expect(last.options['table-name']).toBe(tables[tables.length - 1]);
    expect(readdirSync(join(path, 'databases')).filter((f) => f.startsWith('.'))).toEqual([]);
    await b.close();
  });

  it('several processes updating one database concurrently lose nothing', async () => {
    const first = await open();
    await first.createDatabase('shared', catalogDatabase());
    // A stale lock at the start: all children find it and must break it without trampling each other.
    writeFileSync(
      join(path, 'LOCK'),
      JSON.stringify({ pid: deadPid(), hostname: hostname(), token: 's', acquiredAt: 'then' }),
    );
    const children = ['a', 'b', 'c', 'd'].map((prefix) => startChild('create-tables', path, 'shared', prefix, '12'));
    // Meanwhile this process updates the same database too.
    for (let i = 0; i < 12; i++) await first.createTable(p('shared', `p${String(i).padStart(5, '0')}`), table('p'));
    for (const c of children) expect((await c.exited).code).toBe(0);

    const expected = ['a', 'b', 'c', 'd', 'p'].flatMap((prefix) =>
      Array.from({ length: 12 }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`),
    );
    // The instance that was open all along sees the other processes' tables without reopening.
    expect(await first.listTables('shared')).toEqual(expected);
    await first.close();
  });

  it('a damaged database file fails with the file and the field', async () => {
    const a = await open();
    await a.createDatabase('db1', catalogDatabase());
    await a.close();
    const file = join(path, 'databases', 'db1.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.tables = [
      {
        name: 't',
        table: {
          kind: 'TABLE',
          schema: { columns: [{ kind: 'physical', name: 'x' }], watermarkSpecs: [] },
          options: {},
          partitionKeys: [],
        },
      },
    ];
    writeFileSync(file, JSON.stringify(doc));
    const b = await open();
    await expect(b.getTable(p('db1', 't'))).rejects.toThrow(
      `Catalog file ${file} is invalid at $.tables[0].table.schema.columns[0].dataType: expected a string.`,
    );
    writeFileSync(file, '{"format": "tributary-catalog-database", "version": 9');
    await expect(b.listTables('db1')).rejects.toThrow(`Catalog file ${file} is not valid JSON`);
    writeFileSync(file, JSON.stringify({ ...doc, version: 9 }));
    await expect(b.listTables('db1')).rejects.toThrow('this version of Tributary reads version 1, got 9');
    await b.close();
  });

  it('refuses use before open and after close', async () => {
    const c = new PersistentCatalog('cat', { path });
    await expect(c.listDatabases()).rejects.toThrow("Catalog 'cat' is not open; call open() first.");
    await c.open();
    await c.close();
    await expect(c.createDatabase('x', catalogDatabase())).rejects.toThrow('is not open');
  });

  it("is the CatalogManager's default catalog under the data directory, so tables survive a restart", async () => {
    const m1 = await CatalogManager.create({ dataDir: dir });
    expect(m1.currentCatalog).toBe('default_catalog');
    expect(m1.currentDatabase).toBe('default_database');
    expect(m1.getCatalog('default_catalog')!.type).toBe('tributary');
    await m1.createTable(table('orders'), ['orders']);
    await m1.close();

    const m2 = await CatalogManager.create({ dataDir: dir });
    expect(await m2.showTables()).toEqual(['orders']);
    expect((await m2.getTableOrError(['orders'])).table).toEqual(table('orders'));
    expect(existsSync(join(dir, 'catalogs', 'default_catalog', 'databases', 'default_database.json'))).toBe(true);
    await m2.close();
  });

  it("CREATE CATALOG ... WITH ('type'='tributary') lives under the data directory, or under 'path'", async () => {
    const m1 = await CatalogManager.create({ dataDir: dir });
    await m1.createCatalog('Lake House', { type: 'tributary', 'default-database': 'raw', 'lock-timeout': '2 s' });
    await m1.createCatalog('elsewhere', { type: 'tributary', path: join(dir, 'custom') });
    m1.useCatalog('Lake House');
    expect(m1.currentDatabase).toBe('raw');
    await m1.createTable(table('events'), ['events']);
    await m1.createTable(table('x'), ['elsewhere', 'default_database', 'x']);
    await m1.close();
    expect(existsSync(join(dir, 'catalogs', '%4Cake%20%48ouse', 'databases', 'raw.json'))).toBe(true);
    expect(existsSync(join(dir, 'custom', 'databases', 'default_database.json'))).toBe(true);

    // The catalog definitions themselves are not persisted (Flink's default catalog store is in memory):
    // declaring them again finds their tables.
    const m2 = await CatalogManager.create({ dataDir: dir });
    expect(m2.showCatalogs()).toEqual(['default_catalog']);
    await m2.createCatalog('Lake House', { type: 'tributary', 'default-database': 'raw' });
    await m2.createCatalog('elsewhere', { type: 'tributary', path: join(dir, 'custom') });
    expect((await m2.getTableOrError(['Lake House', 'raw', 'events'])).table).toEqual(table('events'));
    expect(await m2.showTables({ catalog: 'elsewhere', database: 'default_database' })).toEqual(['x']);
    await m2.close();
  });
});
