import { parseStatement, parseStatements } from '@tributary/sql';
import { describe, expect, it } from 'vitest';
import { bin, call, id, num, stmt } from './helpers.js';

const s = (sql: string) => stmt(sql) as any;
const type = (name: string, params: (number | string)[] = [], nullable = true) => ({
  kind: 'type',
  name,
  params,
  nullable,
});

describe('CREATE TABLE', () => {
  it('physical, computed and metadata columns, watermark, primary key, comment, partitions, options', () => {
    const t = s(`CREATE TEMPORARY TABLE IF NOT EXISTS cat.db.orders (
      id BIGINT NOT NULL COMMENT 'the id',
      price DECIMAL(10, 2),
      ts TIMESTAMP(3),
      cost AS price * 2,
      part STRING,
      kts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
      \`offset\` BIGINT METADATA,
      WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,
      CONSTRAINT pk PRIMARY KEY (id) NOT ENFORCED
    ) COMMENT 'orders' PARTITIONED BY (part) WITH ('connector' = 'kafka', 'topic' = 'o')`);
    expect(t).toEqual({
      kind: 'create-table',
      name: ['cat', 'db', 'orders'],
      temporary: true,
      ifNotExists: true,
      orReplace: false,
      columns: [
        { kind: 'physical-column', name: 'id', type: type('BIGINT', [], false), comment: 'the id' },
        { kind: 'physical-column', name: 'price', type: type('DECIMAL', [10, 2]) },
        { kind: 'physical-column', name: 'ts', type: type('TIMESTAMP', [3]) },
        { kind: 'computed-column', name: 'cost', expr: bin('*', id('price'), num('2')) },
        { kind: 'physical-column', name: 'part', type: type('STRING') },
        {
          kind: 'metadata-column',
          name: 'kts',
          type: type('TIMESTAMP_LTZ', [3]),
          metadataKey: 'timestamp',
          virtual: true,
        },
        { kind: 'metadata-column', name: 'offset', type: type('BIGINT'), virtual: false },
      ],
      watermark: {
        kind: 'watermark',
        column: ['ts'],
        expr: bin('-', id('ts'), {
          kind: 'interval',
          negative: false,
          value: '5',
          qualifier: { start: 'SECOND' },
        } as any),
      },
      primaryKey: { kind: 'primary-key', constraintName: 'pk', columns: ['id'], enforced: false },
      comment: 'orders',
      partitionedBy: ['part'],
      options: [
        { kind: 'property', key: 'connector', value: 'kafka' },
        { kind: 'property', key: 'topic', value: 'o' },
      ],
    });
  });

  it('column-level primary key', () => {
    const t = s("CREATE TABLE t (id INT PRIMARY KEY NOT ENFORCED, v STRING) WITH ('connector' = 'print')");
    expect(t.primaryKey).toEqual({ kind: 'primary-key', columns: ['id'], enforced: false });
  });

  it('LIKE with options, and CREATE TABLE AS SELECT', () => {
    const l = s(
      "CREATE TABLE d (WATERMARK FOR ts AS ts) WITH ('scan.startup.mode' = 'latest-offset') LIKE base (EXCLUDING ALL INCLUDING GENERATED OVERWRITING OPTIONS)",
    );
    expect(l.like).toEqual({
      table: ['base'],
      options: [
        { mode: 'EXCLUDING', option: 'ALL' },
        { mode: 'INCLUDING', option: 'GENERATED' },
        { mode: 'OVERWRITING', option: 'OPTIONS' },
      ],
    });
    expect(s('CREATE TABLE d LIKE base').like).toEqual({ table: ['base'], options: [] });
    const ctas = s("CREATE TABLE c WITH ('connector' = 'blackhole') AS SELECT a FROM t");
    expect(ctas.columns).toEqual([]);
    expect(ctas.asQuery.kind).toBe('select');
    expect(s('CREATE OR REPLACE TABLE c AS SELECT 1').orReplace).toBe(true);
  });
});

describe('other DDL', () => {
  it('catalogs', () => {
    expect(s("CREATE CATALOG IF NOT EXISTS c COMMENT 'x' WITH ('type' = 'generic_in_memory')")).toEqual({
      kind: 'create-catalog',
      name: 'c',
      ifNotExists: true,
      comment: 'x',
      options: [{ kind: 'property', key: 'type', value: 'generic_in_memory' }],
    });
    expect(s('DROP CATALOG IF EXISTS c')).toEqual({ kind: 'drop-catalog', name: 'c', ifExists: true });
    expect(s("ALTER CATALOG c SET ('k' = 'v')").action).toEqual({
      action: 'set-options',
      options: [{ kind: 'property', key: 'k', value: 'v' }],
    });
    expect(s("ALTER CATALOG c RESET ('k', 'j')").action).toEqual({ action: 'reset-options', keys: ['k', 'j'] });
  });

  it('databases', () => {
    expect(s("CREATE DATABASE c.d COMMENT 'x' WITH ('k' = 'v')")).toMatchObject({
      kind: 'create-database',
      name: ['c', 'd'],
    });
    expect(s('DROP DATABASE IF EXISTS d CASCADE')).toEqual({
      kind: 'drop-database',
      name: ['d'],
      ifExists: true,
      behavior: 'CASCADE',
    });
    expect(s("ALTER DATABASE d SET ('k' = 'v')")).toMatchObject({ kind: 'alter-database', name: ['d'] });
  });

  it('tables: DROP and ALTER', () => {
    expect(s('DROP TEMPORARY TABLE IF EXISTS a.b')).toEqual({
      kind: 'drop-table',
      name: ['a', 'b'],
      temporary: true,
      ifExists: true,
    });
    expect(s('ALTER TABLE t RENAME TO u').action).toEqual({ action: 'rename', newName: ['u'] });
    expect(s("ALTER TABLE IF EXISTS t SET ('k' = 'v')")).toMatchObject({
      ifExists: true,
      action: { action: 'set-options' },
    });
    expect(s("ALTER TABLE t RESET ('k')").action).toEqual({ action: 'reset-options', keys: ['k'] });
    expect(
      s('ALTER TABLE t ADD (x INT FIRST, y AS x + 1 AFTER x, WATERMARK FOR ts AS ts)').action.elements.map((e: any) => [
        e.kind,
        e.position,
      ]),
    ).toEqual([
      ['physical-column', { first: true }],
      ['computed-column', { after: 'x' }],
      ['watermark', undefined],
    ]);
    expect(s('ALTER TABLE t MODIFY x BIGINT').action.action).toBe('modify');
    expect(s('ALTER TABLE t DROP (a, b)').action).toEqual({ action: 'drop-columns', columns: ['a', 'b'] });
    expect(s('ALTER TABLE t DROP PRIMARY KEY').action).toEqual({ action: 'drop-primary-key' });
    expect(s('ALTER TABLE t DROP WATERMARK').action).toEqual({ action: 'drop-watermark' });
    expect(s('ALTER TABLE t RENAME a TO b').action).toEqual({ action: 'rename-column', from: 'a', to: 'b' });
  });

  it('views', () => {
    expect(s("CREATE TEMPORARY VIEW IF NOT EXISTS v (a) COMMENT 'c' AS SELECT 1")).toMatchObject({
      kind: 'create-view',
      name: ['v'],
      temporary: true,
      ifNotExists: true,
      columns: ['a'],
      comment: 'c',
      query: { kind: 'select' },
    });
    expect(s('DROP VIEW v')).toEqual({ kind: 'drop-view', name: ['v'], temporary: false, ifExists: false });
    expect(s('ALTER VIEW v RENAME TO w').action).toEqual({ action: 'rename', newName: ['w'] });
    expect(s('ALTER VIEW v AS SELECT 2').action.action).toBe('as');
  });

  it('functions', () => {
    expect(s("CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS f AS 'com.x.F' LANGUAGE JAVA USING JAR '/a.jar'")).toEqual(
      {
        kind: 'create-function',
        name: ['f'],
        temporary: true,
        system: true,
        ifNotExists: true,
        identifier: 'com.x.F',
        language: 'JAVA',
        resources: ['/a.jar'],
      },
    );
    expect(s("CREATE FUNCTION db.f AS './udf.js' LANGUAGE JAVASCRIPT")).toMatchObject({
      temporary: false,
      system: false,
      language: 'JAVASCRIPT',
    });
    expect(s('DROP TEMPORARY FUNCTION IF EXISTS f')).toEqual({
      kind: 'drop-function',
      name: ['f'],
      temporary: true,
      system: false,
      ifExists: true,
    });
    expect(s("ALTER FUNCTION f AS 'g' LANGUAGE PYTHON")).toMatchObject({
      kind: 'alter-function',
      identifier: 'g',
      language: 'PYTHON',
    });
  });
});

describe('DML', () => {
  it('INSERT INTO / OVERWRITE with hints, partition spec and column list', () => {
    expect(
      s(
        "INSERT OVERWRITE c.t /*+ OPTIONS('sink.parallelism'='2') */ PARTITION (dt = '2020', h = 1) (a, b) SELECT x, y FROM u",
      ),
    ).toMatchObject({
      kind: 'insert',
      overwrite: true,
      table: ['c', 't'],
      hints: [{ name: 'OPTIONS' }],
      partition: [
        { column: 'dt', value: { kind: 'string', value: '2020' } },
        { column: 'h', value: num('1') },
      ],
      columns: ['a', 'b'],
      query: { kind: 'select' },
    });
    expect(s('INSERT INTO t (SELECT 1)').columns).toBeUndefined();
    expect(s('INSERT INTO t VALUES (1)').query.kind).toBe('values');
  });

  it('statement sets in both syntaxes', () => {
    const e = s('EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT INTO b SELECT 2; END');
    expect([e.kind, e.execute, e.inserts.map((i: any) => i.table[0])]).toEqual(['statement-set', true, ['a', 'b']]);
    const b = s('BEGIN STATEMENT SET; INSERT INTO a SELECT CASE WHEN x THEN 1 END FROM t; END;');
    expect([b.execute, b.inserts.length]).toEqual([false, 1]);
  });
});

describe('utility statements', () => {
  it('USE', () => {
    expect(s('USE CATALOG c')).toEqual({ kind: 'use-catalog', name: 'c' });
    expect(s('USE c.d')).toEqual({ kind: 'use', name: ['c', 'd'] });
    expect(s('USE MODULES hive, core')).toEqual({ kind: 'use-modules', names: ['hive', 'core'] });
  });

  it('SHOW', () => {
    const cases: [string, object][] = [
      ['SHOW CATALOGS', { object: 'CATALOGS' }],
      ['SHOW DATABASES', { object: 'DATABASES' }],
      [
        "SHOW TABLES FROM c.d NOT LIKE 'x%'",
        { object: 'TABLES', from: ['c', 'd'], like: { not: true, pattern: 'x%', ilike: false } },
      ],
      ['SHOW VIEWS', { object: 'VIEWS' }],
      ['SHOW USER FUNCTIONS', { object: 'USER FUNCTIONS' }],
      ['SHOW FUNCTIONS', { object: 'FUNCTIONS' }],
      ['SHOW COLUMNS IN t', { object: 'COLUMNS', from: ['t'] }],
      ['SHOW CREATE TABLE c.d.t', { object: 'CREATE TABLE', from: ['c', 'd', 't'] }],
      ['SHOW CREATE VIEW v', { object: 'CREATE VIEW', from: ['v'] }],
      ['SHOW CURRENT CATALOG', { object: 'CURRENT CATALOG' }],
      ['SHOW CURRENT DATABASE', { object: 'CURRENT DATABASE' }],
      ['SHOW JOBS', { object: 'JOBS' }],
      ['SHOW FULL MODULES', { object: 'FULL MODULES' }],
    ];
    for (const [sql, shape] of cases) expect(s(sql), sql).toEqual({ kind: 'show', ...shape });
  });

  it('DESCRIBE / DESC', () => {
    expect(s('DESCRIBE t')).toEqual({ kind: 'describe', name: ['t'], extended: false });
    expect(s('DESC EXTENDED c.d.t')).toEqual({ kind: 'describe', name: ['c', 'd', 't'], extended: true });
  });

  it('EXPLAIN', () => {
    expect(s('EXPLAIN PLAN FOR SELECT 1')).toMatchObject({
      kind: 'explain',
      planFor: true,
      details: [],
      statement: { kind: 'select' },
    });
    expect(s('EXPLAIN ESTIMATED_COST, CHANGELOG_MODE, JSON_EXECUTION_PLAN INSERT INTO t SELECT 1')).toMatchObject({
      planFor: false,
      details: ['ESTIMATED_COST', 'CHANGELOG_MODE', 'JSON_EXECUTION_PLAN'],
      statement: { kind: 'insert' },
    });
    expect(s('EXPLAIN EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; END').statement.kind).toBe('statement-set');
    expect(() => parseStatement('EXPLAIN DROP TABLE t')).toThrow(/EXPLAIN supports queries.* line 1, column 9/);
  });

  it('SET and RESET', () => {
    expect(s('SET')).toEqual({ kind: 'set' });
    expect(s("SET 'table.exec.mini-batch.enabled' = 'true'")).toEqual({
      kind: 'set',
      key: 'table.exec.mini-batch.enabled',
      value: 'true',
    });
    expect(s('SET execution.runtime-mode = batch')).toEqual({
      kind: 'set',
      key: 'execution.runtime-mode',
      value: 'batch',
    });
    expect(s('RESET')).toEqual({ kind: 'reset' });
    expect(s("RESET 'k.x'")).toEqual({ kind: 'reset', key: 'k.x' });
  });

  it('parses scripts with positions relative to the script', () => {
    const all = parseStatements("SET 'a' = 'b';\n\nSELECT f(x) FROM t;\nSHOW TABLES;;");
    expect(all.map((x) => x.kind)).toEqual(['set', 'select', 'show']);
    expect(all[1]!.span.start).toEqual({ offset: 16, line: 3, column: 1 });
    expect(strip1(all[1]!)).toMatchObject({ items: [{ expr: call('f', id('x')) }] });
  });
});

function strip1<T>(x: T): T {
  return JSON.parse(JSON.stringify(x, (k, v) => (k === 'span' ? undefined : v)));
}
