import { formatSql, parseDataType, parseExpression, parseStatement } from '@tributary/sql';
import { describe, expect, it } from 'vitest';
import { CORPUS } from './corpus.js';
import { strip } from './helpers.js';

describe('formatSql round trip', () => {
  it('parse(format(parse(x))) equals parse(x) ignoring spans, for every corpus statement', () => {
    for (const sql of CORPUS) {
      const ast = strip(parseStatement(sql));
      const text = formatSql(parseStatement(sql));
      let again: unknown;
      try {
        again = strip(parseStatement(text));
      } catch (e) {
        throw new Error(`formatted text does not parse: ${text}\n${(e as Error).message}`);
      }
      expect(again, text).toEqual(ast);
      // formatting is a fixed point after one round
      expect(formatSql(parseStatement(text))).toBe(text);
    }
  });

  it('keeps grouping with minimal parentheses', () => {
    const f = (sql: string) => formatSql(parseExpression(sql));
    expect(f('(a + b) * c')).toBe('(a + b) * c');
    expect(f('a + (b * c)')).toBe('a + b * c');
    expect(f('a - (b - c)')).toBe('a - (b - c)');
    expect(f('(a - b) - c')).toBe('a - b - c');
    expect(f('NOT (a AND b)')).toBe('NOT (a AND b)');
    expect(f('(a OR b) AND c')).toBe('(a OR b) AND c');
    expect(f('- (-1)')).toBe('-(-1)');
    expect(f('(a = b) IS NULL')).toBe('a = b IS NULL');
    expect(f('a = (b IS NULL)')).toBe('a = (b IS NULL)');
    expect(f('`select` + `a b`')).toBe('`select` + `a b`');
    expect(f('TRIM(s)')).toBe("TRIM(BOTH ' ' FROM s)");
  });

  it('formats types and statements canonically', () => {
    expect(formatSql(parseDataType('int array not null'))).toBe('ARRAY<INT> NOT NULL');
    expect(formatSql(parseDataType('timestamp(3) with local time zone'))).toBe('TIMESTAMP_LTZ(3)');
    expect(formatSql(parseStatement("create table t (a int) with ('x'='y')"))).toBe(
      "CREATE TABLE t (a INT) WITH ('x' = 'y')",
    );
    expect(formatSql(parseStatement('select a from t where a>1 order by a desc limit 3'))).toBe(
      'SELECT a FROM t WHERE a > 1 ORDER BY a DESC LIMIT 3',
    );
  });
});
