import { parseStatement } from '@tributary/sql';
import { describe, expect, it } from 'vitest';
import { bin, call, id, num, stmt, str, tableRef } from './helpers.js';

const q = (sql: string) => stmt(sql) as any;

describe('SELECT', () => {
  it('items with aliases, DISTINCT, WHERE, GROUP BY, HAVING, ORDER BY, LIMIT', () => {
    expect(
      q(
        'SELECT DISTINCT a AS x, b y, `c` FROM t WHERE a > 1 GROUP BY a, b HAVING COUNT(*) > 2 ORDER BY x DESC NULLS FIRST, y LIMIT 10 OFFSET 5',
      ),
    ).toEqual({
      kind: 'query',
      with: [],
      body: {
        kind: 'select',
        hints: [],
        quantifier: 'DISTINCT',
        items: [
          { kind: 'select-item', expr: id('a'), alias: 'x' },
          { kind: 'select-item', expr: id('b'), alias: 'y' },
          { kind: 'select-item', expr: id('c') },
        ],
        from: tableRef('t'),
        where: bin('>', id('a'), num('1')),
        groupBy: [id('a'), id('b')],
        having: bin('>', { kind: 'call', name: ['COUNT'], args: [{ kind: 'star', qualifier: [] }] } as any, num('2')),
        windows: [],
      },
      orderBy: [
        { kind: 'order-item', expr: id('x'), direction: 'DESC', nulls: 'FIRST' },
        { kind: 'order-item', expr: id('y') },
      ],
      limit: num('10'),
      offset: num('5'),
    });
  });

  it('FETCH FIRST n ROWS ONLY is a limit; OFFSET n ROWS', () => {
    const r = q('SELECT a FROM t ORDER BY a OFFSET 2 ROWS FETCH FIRST 3 ROWS ONLY');
    expect([r.offset, r.limit]).toEqual([num('2'), num('3')]);
    expect(q('SELECT a FROM t FETCH NEXT 1 ROW ONLY').limit).toEqual(num('1'));
  });

  it('SELECT without FROM and VALUES', () => {
    expect(q('SELECT 1').from).toBeUndefined();
    expect(q("VALUES (1, 'a'), (2, 'b')")).toEqual({
      kind: 'values',
      rows: [
        { kind: 'constructor', type: 'ROW', args: [num('1'), str('a')], implicit: true },
        { kind: 'constructor', type: 'ROW', args: [num('2'), str('b')], implicit: true },
      ],
    });
  });

  it('WITH (CTEs with column lists)', () => {
    const r = q('WITH a (x) AS (SELECT 1), b AS (SELECT * FROM a) SELECT * FROM b');
    expect(r.kind).toBe('query');
    expect(r.with.map((c: any) => [c.name, c.columns, c.query.kind])).toEqual([
      ['a', ['x'], 'select'],
      ['b', undefined, 'select'],
    ]);
  });

  it('set operations: INTERSECT binds tighter than UNION/EXCEPT, left-associative, parentheses group', () => {
    const r = q('SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4');
    expect(r.kind).toBe('set-op');
    expect([r.op, r.all]).toEqual(['EXCEPT', false]);
    expect([r.left.op, r.left.all]).toEqual(['UNION', true]);
    expect(r.left.right.op).toBe('INTERSECT');
    const p = q('SELECT 1 UNION (SELECT 2 UNION SELECT 3) ORDER BY 1 LIMIT 1');
    expect(p.kind).toBe('query');
    expect(p.body.right.kind).toBe('set-op');
    expect(q('(SELECT 1) INTERSECT ALL (SELECT 2)')).toMatchObject({ kind: 'set-op', op: 'INTERSECT', all: true });
  });

  it('GROUPING SETS, ROLLUP, CUBE, legacy group windows', () => {
    const r = q('SELECT a FROM t GROUP BY GROUPING SETS ((a, b), (a), ()), ROLLUP(a, b), CUBE(c)');
    expect(r.groupBy).toEqual([
      {
        kind: 'grouping-sets',
        sets: [
          { kind: 'constructor', type: 'ROW', args: [id('a'), id('b')], implicit: true },
          id('a'),
          { kind: 'empty-group' },
        ],
      },
      { kind: 'rollup', exprs: [id('a'), id('b')] },
      { kind: 'cube', exprs: [id('c')] },
    ]);
    const w = q("SELECT TUMBLE_START(ts, INTERVAL '1' HOUR) FROM t GROUP BY TUMBLE(ts, INTERVAL '1' HOUR), k");
    expect(w.groupBy[0]).toEqual(
      call('TUMBLE', id('ts'), { kind: 'interval', negative: false, value: '1', qualifier: { start: 'HOUR' } } as any),
    );
  });

  it('WINDOW clause', () => {
    const r = q('SELECT SUM(a) OVER w FROM t WINDOW w AS (PARTITION BY k ORDER BY ts ROWS 2 PRECEDING)');
    expect(r.windows).toEqual([
      {
        kind: 'named-window',
        name: 'w',
        spec: {
          kind: 'window-spec',
          partitionBy: [id('k')],
          orderBy: [{ kind: 'order-item', expr: id('ts') }],
          frame: { unit: 'ROWS', start: { type: 'PRECEDING', offset: num('2') } },
        },
      },
    ]);
  });

  it('SELECT hints', () => {
    expect(q("SELECT /*+ BROADCAST(t1), STATE_TTL(t1 = '1d') */ a FROM t1").hints).toEqual([
      { kind: 'hint', name: 'BROADCAST', args: ['t1'] },
      { kind: 'hint', name: 'STATE_TTL', options: [{ kind: 'property', key: 't1', value: '1d' }] },
    ]);
  });
});

describe('FROM', () => {
  it('tables with aliases, column aliases and hints', () => {
    expect(q("SELECT * FROM cat.db.t /*+ OPTIONS('scan.startup.mode'='earliest-offset') */ AS x (a, b)").from).toEqual({
      kind: 'table-ref',
      name: ['cat', 'db', 't'],
      hints: [
        {
          kind: 'hint',
          name: 'OPTIONS',
          options: [{ kind: 'property', key: 'scan.startup.mode', value: 'earliest-offset' }],
        },
      ],
      alias: 'x',
      columnAliases: ['a', 'b'],
    });
    expect(q('SELECT * FROM t o').from).toEqual({ ...tableRef('t'), alias: 'o' });
  });

  it('join types with ON/USING, comma joins, NATURAL, precedence of comma below JOIN', () => {
    const r = q(
      'SELECT * FROM a JOIN b ON a.k = b.k LEFT OUTER JOIN c USING (k) RIGHT JOIN d ON TRUE FULL JOIN e ON TRUE CROSS JOIN f',
    );
    const types: string[] = [];
    let f = r.from;
    while (f.kind === 'join') {
      types.unshift(f.joinType);
      f = f.left;
    }
    expect(types).toEqual(['INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS']);
    expect(r.from.left.left.left.left.using).toBeUndefined();
    expect(r.from.left.left.left.using).toEqual(['k']);
    const c = q('SELECT * FROM a, b JOIN c ON x').from;
    expect(c.joinType).toBe('COMMA');
    expect(c.right.joinType).toBe('INNER');
    expect(q('SELECT * FROM a NATURAL JOIN b').from).toMatchObject({ joinType: 'INNER', natural: true });
    expect(q('SELECT * FROM (a JOIN b ON x) JOIN c ON y').from.left.kind).toBe('join');
  });

  it('subqueries and LATERAL subqueries', () => {
    expect(q('SELECT * FROM (SELECT 1) AS s (x)').from).toMatchObject({
      kind: 'derived-table',
      lateral: false,
      alias: 's',
      columnAliases: ['x'],
    });
    expect(q('SELECT * FROM t, LATERAL (SELECT t.a) u').from.right).toMatchObject({
      kind: 'derived-table',
      lateral: true,
      alias: 'u',
    });
  });

  it('CROSS JOIN UNNEST WITH ORDINALITY, LATERAL TABLE, table functions', () => {
    expect(q('SELECT * FROM t CROSS JOIN UNNEST(t.tags) WITH ORDINALITY AS u(tag, n)').from.right).toEqual({
      kind: 'unnest',
      args: [id('t', 'tags')],
      withOrdinality: true,
      alias: 'u',
      columnAliases: ['tag', 'n'],
    });
    expect(q('SELECT * FROM t LEFT JOIN LATERAL TABLE(split(s)) AS T(w) ON TRUE').from.right).toEqual({
      kind: 'table-function',
      call: call('split', id('s')),
      lateral: true,
      alias: 'T',
      columnAliases: ['w'],
    });
    expect(q('SELECT * FROM TABLE(gen(3))').from).toEqual({
      kind: 'table-function',
      call: call('gen', num('3')),
      lateral: false,
    });
  });

  it('FOR SYSTEM_TIME AS OF (temporal join)', () => {
    expect(q('SELECT * FROM o JOIN r FOR SYSTEM_TIME AS OF o.ts AS x ON o.k = x.k').from.right).toEqual({
      ...tableRef('r'),
      systemTime: id('o', 'ts'),
      alias: 'x',
    });
  });

  it('window TVFs with positional and named arguments, TABLE ... PARTITION BY', () => {
    expect(q("SELECT * FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))").from.call).toEqual(
      call(
        'TUMBLE',
        { kind: 'table-arg', table: ['Bid'] } as any,
        { kind: 'descriptor', columns: ['dateTime'] } as any,
        { kind: 'interval', negative: false, value: '10', qualifier: { start: 'SECOND' } } as any,
      ),
    );
    const named = q(
      "SELECT * FROM TABLE(HOP(DATA => TABLE Bid, TIMECOL => DESCRIPTOR(ts), SLIDE => INTERVAL '5' MINUTES, SIZE => INTERVAL '10' MINUTES))",
    ).from.call;
    expect(named.args.map((x: any) => [x.kind, x.name, x.value.kind])).toEqual([
      ['named-arg', 'DATA', 'table-arg'],
      ['named-arg', 'TIMECOL', 'descriptor'],
      ['named-arg', 'SLIDE', 'interval'],
      ['named-arg', 'SIZE', 'interval'],
    ]);
    expect(
      q("SELECT * FROM TABLE(SESSION(TABLE Bid PARTITION BY bidder, DESCRIPTOR(ts), INTERVAL '5' MINUTE))").from.call
        .args[0],
    ).toEqual({
      kind: 'table-arg',
      table: ['Bid'],
      partitionBy: [id('bidder')],
    });
  });

  it('spans of FROM items and select items', () => {
    const s = parseStatement('SELECT a AS x\nFROM t AS u') as any;
    expect(s.items[0].span).toEqual({
      start: { offset: 7, line: 1, column: 8 },
      end: { offset: 13, line: 1, column: 14 },
    });
    expect(s.from.span).toEqual({
      start: { offset: 19, line: 2, column: 6 },
      end: { offset: 25, line: 2, column: 12 },
    });
    expect(s.span.end.offset).toBe(25);
  });
});
