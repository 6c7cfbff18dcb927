import { parseExpression } from '@tributary/sql';
import { describe, expect, it } from 'vitest';
import { bin, call, expr, id, neg, not, num, selectExpr, str, sym } from './helpers.js';

const a = id('a');
const b = id('b');
const c = id('c');

describe('expression precedence (Calcite/Flink)', () => {
  it('OR < AND < NOT < comparison < + - < * / %', () => {
    expect(expr('a OR b AND c')).toEqual(bin('OR', a, bin('AND', b, c)));
    expect(expr('NOT a AND b')).toEqual(bin('AND', not(a), b));
    expect(expr('NOT a = b')).toEqual(not(bin('=', a, b)));
    expect(expr('a = b + c')).toEqual(bin('=', a, bin('+', b, c)));
    expect(expr('a + b * c')).toEqual(bin('+', a, bin('*', b, c)));
    expect(expr('a - b - c')).toEqual(bin('-', bin('-', a, b), c));
    expect(expr('a / b % c')).toEqual(bin('%', bin('/', a, b), c));
    expect(expr('(a + b) * c')).toEqual(bin('*', bin('+', a, b), c));
    expect(expr('a < b AND b >= c OR a <> c')).toEqual(
      bin('OR', bin('AND', bin('<', a, b), bin('>=', b, c)), bin('<>', a, c)),
    );
    expect(expr('a != b')).toEqual(bin('<>', a, b));
  });

  it('|| binds like * (Calcite gives CONCAT precedence 60)', () => {
    expect(expr('a || b + c')).toEqual(bin('+', bin('||', a, b), c));
    expect(expr('a + b || c')).toEqual(bin('+', a, bin('||', b, c)));
    expect(expr("a || 'x' = b")).toEqual(bin('=', bin('||', a, str('x')), b));
  });

  it('unary minus binds tighter than * and looser than postfix', () => {
    expect(expr('-a * b')).toEqual(bin('*', neg(a), b));
    expect(expr('-a[1]')).toEqual(neg({ kind: 'index', operand: a, index: num('1') }));
    expect(expr('- -1')).toEqual(neg(neg(num('1'))));
    expect(expr('+a')).toEqual({ kind: 'unary', op: '+', operand: a });
  });

  it('IS tests are postfix below comparison; IS DISTINCT FROM is a comparison', () => {
    expect(expr('a = b IS NULL')).toEqual({ kind: 'is', operand: bin('=', a, b), not: false, test: 'NULL' });
    expect(expr('a + 1 IS NOT TRUE')).toEqual({ kind: 'is', operand: bin('+', a, num('1')), not: true, test: 'TRUE' });
    expect(expr('a IS UNKNOWN AND b IS FALSE')).toEqual(
      bin(
        'AND',
        { kind: 'is', operand: a, not: false, test: 'UNKNOWN' },
        { kind: 'is', operand: b, not: false, test: 'FALSE' },
      ),
    );
    expect(expr('a IS NOT DISTINCT FROM b + 1')).toEqual({
      kind: 'is-distinct',
      left: a,
      right: bin('+', b, num('1')),
      not: true,
    });
  });

  it('BETWEEN, LIKE, SIMILAR TO, IN', () => {
    expect(expr('a BETWEEN 1 AND 2 AND b')).toEqual(
      bin('AND', { kind: 'between', operand: a, low: num('1'), high: num('2'), not: false, symmetric: false }, b),
    );
    expect(expr('a NOT BETWEEN SYMMETRIC b + 1 AND c')).toEqual({
      kind: 'between',
      operand: a,
      low: bin('+', b, num('1')),
      high: c,
      not: true,
      symmetric: true,
    });
    expect(expr("a NOT LIKE 'x!%' ESCAPE '!'")).toEqual({
      kind: 'like',
      op: 'LIKE',
      operand: a,
      pattern: str('x!%'),
      not: true,
      escape: str('!'),
    });
    expect(expr("a SIMILAR TO 'x+'")).toEqual({
      kind: 'like',
      op: 'SIMILAR TO',
      operand: a,
      pattern: str('x+'),
      not: false,
    });
    expect(expr('a NOT IN (1, 2)')).toEqual({ kind: 'in', operand: a, not: true, list: [num('1'), num('2')] });
    const sub = expr('a IN (SELECT x FROM t)') as { kind: string; query: { kind: string } };
    expect(sub.kind).toBe('in');
    expect(sub.query.kind).toBe('select');
    expect(expr('NOT a IN (1)')).toEqual(not({ kind: 'in', operand: a, not: false, list: [num('1')] }));
  });

  it('EXISTS, scalar and quantified subqueries', () => {
    expect((expr('EXISTS (SELECT 1)') as { kind: string }).kind).toBe('exists');
    const s = expr('(SELECT MAX(x) FROM t) + 1') as { kind: string; left: { kind: string } };
    expect(s.kind).toBe('binary-op');
    expect(s.left.kind).toBe('subquery');
    const q = expr('a > ALL (SELECT x FROM t)') as { kind: string; op: string; quantifier: string };
    expect([q.kind, q.op, q.quantifier]).toEqual(['quantified', '>', 'ALL']);
  });
});

describe('literals', () => {
  it('numbers, strings, booleans, null', () => {
    expect(expr('1.50')).toEqual(num('1.50', 'decimal'));
    expect(expr('1e3')).toEqual(num('1e3', 'approx'));
    expect(expr("'a' 'b'\n'c'")).toEqual(str('abc'));
    expect(expr("'it''s'")).toEqual(str("it's"));
    expect(expr('TRUE')).toEqual({ kind: 'boolean', value: true });
    expect(expr('false')).toEqual({ kind: 'boolean', value: false });
    expect(expr('UNKNOWN')).toEqual({ kind: 'boolean', value: null });
    expect(expr('NULL')).toEqual({ kind: 'null' });
    expect(expr("X'0a' 'ff'")).toEqual({ kind: 'binary', hex: '0AFF' });
    expect(expr('?')).toEqual({ kind: 'param', index: 0 });
  });

  it('unicode strings with \\XXXX, \\+XXXXXX and UESCAPE', () => {
    expect(expr("U&'\\0041\\00e9\\\\x'")).toEqual(str('Aé\\x'));
    expect(expr("U&'\\+01F600'")).toEqual(str('😀'));
    expect(expr("U&'!0041' UESCAPE '!'")).toEqual(str('A'));
  });

  it('typed date/time literals', () => {
    expect(expr("DATE '2020-01-02'")).toEqual({ kind: 'typed-literal', type: 'DATE', value: '2020-01-02' });
    expect(expr("TIME '12:00:01'")).toEqual({ kind: 'typed-literal', type: 'TIME', value: '12:00:01' });
    expect(expr("TIMESTAMP '2020-01-02 03:04:05.123'")).toEqual({
      kind: 'typed-literal',
      type: 'TIMESTAMP',
      value: '2020-01-02 03:04:05.123',
    });
    expect(expr("TIMESTAMP_LTZ '2020-01-02 03:04:05'")).toMatchObject({ type: 'TIMESTAMP_LTZ' });
  });

  it('interval literals with qualifiers', () => {
    expect(expr("INTERVAL '1' DAY")).toEqual({
      kind: 'interval',
      negative: false,
      value: '1',
      qualifier: { start: 'DAY' },
    });
    expect(expr("INTERVAL '1-2' YEAR TO MONTH")).toEqual({
      kind: 'interval',
      negative: false,
      value: '1-2',
      qualifier: { start: 'YEAR', end: 'MONTH' },
    });
    expect(expr("INTERVAL '10.123' SECOND(2, 3)")).toMatchObject({
      qualifier: { start: 'SECOND', startPrecision: 2, fractionalPrecision: 3 },
    });
    expect(expr("INTERVAL -'1 02:03' DAY(2) TO MINUTE")).toMatchObject({
      negative: true,
      qualifier: { start: 'DAY', startPrecision: 2, end: 'MINUTE' },
    });
    expect(expr("INTERVAL '5' SECONDS")).toMatchObject({ qualifier: { start: 'SECOND' } });
    expect(expr("ts - INTERVAL '5' SECOND")).toMatchObject({ kind: 'binary-op', op: '-' });
  });
});

describe('calls and special forms', () => {
  it('plain, qualified, DISTINCT, COUNT(*), FILTER', () => {
    expect(expr('f(a, 1)')).toEqual(call('f', a, num('1')));
    expect(expr('cat.db.f()')).toEqual({ kind: 'call', name: ['cat', 'db', 'f'], args: [] });
    expect(expr('COUNT(*)')).toEqual({ kind: 'call', name: ['COUNT'], args: [{ kind: 'star', qualifier: [] }] });
    expect(expr('COUNT(DISTINCT a) FILTER (WHERE b > 1)')).toEqual({
      kind: 'call',
      name: ['COUNT'],
      args: [a],
      quantifier: 'DISTINCT',
      filter: bin('>', b, num('1')),
    });
    expect(expr('PROCTIME()')).toEqual(call('PROCTIME'));
    expect(expr('CURRENT_TIMESTAMP')).toEqual({ kind: 'call', name: ['CURRENT_TIMESTAMP'], args: [], niladic: true });
    expect(expr('LEFT(a, 2)')).toEqual(call('LEFT', a, num('2')));
  });

  it('named arguments', () => {
    expect(expr('f(x => 1, y => a)')).toEqual(
      call('f', { kind: 'named-arg', name: 'x', value: num('1') }, { kind: 'named-arg', name: 'y', value: a }),
    );
  });

  it('CAST and TRY_CAST', () => {
    expect(expr('CAST(a AS DECIMAL(10, 2) NOT NULL)')).toEqual({
      kind: 'cast',
      operand: a,
      type: { kind: 'type', name: 'DECIMAL', params: [10, 2], nullable: false },
      try: false,
    });
    expect(expr('TRY_CAST(a AS INT)')).toMatchObject({ kind: 'cast', try: true, type: { name: 'INT' } });
  });

  it('simple and searched CASE', () => {
    expect(expr("CASE a WHEN 1 THEN 'x' ELSE 'y' END")).toEqual({
      kind: 'case',
      operand: a,
      whens: [{ when: num('1'), result: str('x') }],
      else: str('y'),
    });
    expect(expr('CASE WHEN a > 1 THEN b WHEN a < 0 THEN c END')).toEqual({
      kind: 'case',
      whens: [
        { when: bin('>', a, num('1')), result: b },
        { when: bin('<', a, num('0')), result: c },
      ],
    });
  });

  it('EXTRACT, POSITION, TRIM, SUBSTRING, OVERLAY, CEIL/FLOOR TO, TIMESTAMPADD/DIFF', () => {
    expect(expr('EXTRACT(YEAR FROM a)')).toEqual(call('EXTRACT', sym('YEAR'), a));
    expect(expr("POSITION('x' IN a)")).toEqual(call('POSITION', str('x'), a));
    expect(expr("TRIM(LEADING 'x' FROM a)")).toEqual(call('TRIM', sym('LEADING'), str('x'), a));
    expect(expr('TRIM(a)')).toEqual(call('TRIM', sym('BOTH'), str(' '), a));
    expect(expr('TRIM(TRAILING FROM a)')).toEqual(call('TRIM', sym('TRAILING'), str(' '), a));
    expect(expr('SUBSTRING(a FROM 2 FOR 3)')).toEqual(call('SUBSTRING', a, num('2'), num('3')));
    expect(expr('SUBSTRING(a, 2)')).toEqual(call('SUBSTRING', a, num('2')));
    expect(expr("OVERLAY(a PLACING 'x' FROM 2 FOR 1)")).toEqual(call('OVERLAY', a, str('x'), num('2'), num('1')));
    expect(expr('CEIL(a TO HOUR)')).toEqual(call('CEIL', a, sym('HOUR')));
    expect(expr('FLOOR(a)')).toEqual(call('FLOOR', a));
    expect(expr('TIMESTAMPADD(WEEK, 1, a)')).toEqual(call('TIMESTAMPADD', sym('WEEK'), num('1'), a));
    expect(expr('TIMESTAMPDIFF(DAY, a, b)')).toEqual(call('TIMESTAMPDIFF', sym('DAY'), a, b));
  });

  it('constructors, index, field access, stars', () => {
    expect(expr('ARRAY[1, 2]')).toEqual({ kind: 'constructor', type: 'ARRAY', args: [num('1'), num('2')] });
    expect(expr("MAP['k', 1]")).toEqual({ kind: 'constructor', type: 'MAP', args: [str('k'), num('1')] });
    expect(expr('ROW(a, 1)')).toEqual({ kind: 'constructor', type: 'ROW', args: [a, num('1')] });
    expect(expr('(a, 1)')).toEqual({ kind: 'constructor', type: 'ROW', args: [a, num('1')], implicit: true });
    expect(expr("m['k']")).toEqual({ kind: 'index', operand: id('m'), index: str('k') });
    expect(expr('t.r.f')).toEqual(id('t', 'r', 'f'));
    expect(expr('f(a).x')).toEqual({ kind: 'field', operand: call('f', a), field: 'x' });
    expect(expr('arr[1].x')).toEqual({
      kind: 'field',
      operand: { kind: 'index', operand: id('arr'), index: num('1') },
      field: 'x',
    });
    expect(selectExpr('t.*')).toEqual({ kind: 'star', qualifier: ['t'] });
    expect(selectExpr('*')).toEqual({ kind: 'star', qualifier: [] });
    expect(expr('`my col` + `select`')).toEqual(bin('+', id('my col'), id('select')));
  });

  it('OVER with a window spec or a window name', () => {
    expect(
      expr("SUM(a) OVER (PARTITION BY b ORDER BY c DESC RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW)"),
    ).toEqual({
      kind: 'call',
      name: ['SUM'],
      args: [a],
      over: {
        kind: 'window-spec',
        partitionBy: [b],
        orderBy: [{ kind: 'order-item', expr: c, direction: 'DESC' }],
        frame: {
          unit: 'RANGE',
          start: {
            type: 'PRECEDING',
            offset: { kind: 'interval', negative: false, value: '1', qualifier: { start: 'HOUR' } },
          },
          end: { type: 'CURRENT ROW' },
        },
      },
    });
    expect(expr('ROW_NUMBER() OVER w')).toEqual({
      kind: 'call',
      name: ['ROW_NUMBER'],
      args: [],
      over: { kind: 'window-spec', ref: 'w', partitionBy: [], orderBy: [] },
    });
    expect(expr('COUNT(*) OVER (ORDER BY c ROWS BETWEEN UNBOUNDED PRECEDING AND 2 FOLLOWING)')).toMatchObject({
      over: {
        frame: { unit: 'ROWS', start: { type: 'UNBOUNDED PRECEDING' }, end: { type: 'FOLLOWING', offset: num('2') } },
      },
    });
  });

  it('numbers parameters in order of appearance', () => {
    expect(expr('? + ?')).toEqual(bin('+', { kind: 'param', index: 0 }, { kind: 'param', index: 1 }));
  });

  it('records spans on nodes', () => {
    const e = parseExpression('a +\n  f(b, 2)');
    expect(e.span).toEqual({ start: { offset: 0, line: 1, column: 1 }, end: { offset: 13, line: 2, column: 10 } });
    if (e.kind !== 'binary-op') throw new Error('binary expected');
    expect(e.right.span.start).toEqual({ offset: 6, line: 2, column: 3 });
    if (e.right.kind !== 'call') throw new Error('call expected');
    expect(e.right.args[1]!.span).toEqual({
      start: { offset: 11, line: 2, column: 8 },
      end: { offset: 12, line: 2, column: 9 },
    });
  });
});
