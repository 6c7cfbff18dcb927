import { TributaryError } from '@tributary/core';
import {
  MAX_NESTING,
  parseDataType,
  parseExpression,
  parseStatement,
  SqlParseError,
  splitStatements,
} from '@tributary/sql';
import { describe, expect, it } from 'vitest';
import { parseError } from './helpers.js';

describe('parse errors', () => {
  it('missing FROM item: Flink-style message with position and expectations', () => {
    const e = parseError(() => parseStatement('SELECT a\nFROM\nWHERE x = 1'));
    expect(e).toBeInstanceOf(SqlParseError);
    expect(e).toBeInstanceOf(TributaryError);
    expect([e.line, e.column, e.token]).toEqual([3, 1, 'WHERE']);
    expect(e.message).toBe(
      'Encountered "WHERE" at line 3, column 1. Was expecting one of: "(", "LATERAL", "TABLE", "UNNEST", <identifier>',
    );
  });

  it('unclosed string literal points at its opening quote', () => {
    const e = parseError(() => parseStatement("SELECT a FROM t\nWHERE b = 'oops"));
    expect([e.line, e.column]).toEqual([2, 11]);
    expect(e.message).toMatch(/unclosed string literal/);
  });

  it('unexpected tokens', () => {
    const e = parseError(() => parseStatement('SELECT a, FROM t'));
    expect([e.line, e.column, e.token]).toEqual([1, 11, 'FROM']);
    expect(e.expected).toContain('<expression>');
    const f = parseError(() => parseStatement('SELECT (a + 1 FROM t'));
    expect([f.line, f.column]).toEqual([1, 15]);
    expect(f.expected).toContain('")"');
    const g = parseError(() => parseStatement('SELEC a FROM t'));
    expect(g.message).toMatch(/^Encountered "SELEC" at line 1, column 1\. Was expecting one of: .*"SELECT"/);
    const h = parseError(() => parseStatement('SELECT a FROM t t2 t3'));
    expect([h.column, h.token]).toEqual([20, 't3']);
  });

  it('unexpected end of input', () => {
    const e = parseError(() => parseStatement('SELECT a FROM t WHERE'));
    expect(e.message).toBe('Encountered "<EOF>" at line 1, column 22. Was expecting: <expression>');
    const c = parseError(() => parseStatement('SELECT CASE WHEN a THEN b'));
    expect(c.expected).toEqual(expect.arrayContaining(['"ELSE"', '"END"', '"WHEN"']));
  });

  it('DDL mistakes', () => {
    const pk = parseError(() => parseStatement('CREATE TABLE t (id INT, PRIMARY KEY (id)) WITH ()'));
    expect(pk.message).toMatch(
      /PRIMARY KEY must be declared NOT ENFORCED.*line 1, column 41|line 1, column 41.*NOT ENFORCED/,
    );
    const w = parseError(() =>
      parseStatement('CREATE TABLE t (ts TIMESTAMP(3), WATERMARK FOR ts AS ts, WATERMARK FOR ts AS ts)'),
    );
    expect(w.message).toMatch(/Only one WATERMARK/);
    const opt = parseError(() => parseStatement("CREATE TABLE t (a INT) WITH ('k' = 1)"));
    expect([opt.column, opt.expected]).toEqual([36, ['<string literal>']]);
    const ty = parseError(() => parseStatement('CREATE TABLE t (a VARCHAR(x))'));
    expect([ty.column, ty.expected]).toEqual([27, ['<unsigned integer>']]);
  });

  it('positions are relative to the script when a start is given', () => {
    const [, second] = splitStatements('SELECT 1;\n\n  SELECT FROM t');
    const e = parseError(() => parseStatement(second!.text, { start: second!.span.start }));
    expect([e.line, e.column]).toEqual([3, 10]);
  });

  it('MATCH_RECOGNIZE is reported as not supported yet, with its position', () => {
    const e = parseError(() => parseStatement('SELECT * FROM t\n  MATCH_RECOGNIZE (PATTERN (A))'));
    expect(e.message).toBe('MATCH_RECOGNIZE is not supported yet at line 2, column 3');
  });

  it('deep nesting is an error, not a stack overflow', () => {
    const deep = `${'('.repeat(5000)}1${')'.repeat(5000)}`;
    const e = parseError(() => parseExpression(deep));
    expect(e.message).toMatch(new RegExp(`nested too deeply \\(more than ${MAX_NESTING} levels\\)`));
    const ok = `${'('.repeat(100)}1${')'.repeat(100)}`;
    expect(parseExpression(ok)).toMatchObject({ kind: 'numeric', text: '1' });
    expect(() => parseStatement(`SELECT * FROM ${'(SELECT * FROM '.repeat(1000)}t`)).toThrow(SqlParseError);
  });

  it('invalid literals', () => {
    expect(parseError(() => parseExpression("U&'\\00zz'")).message).toMatch(/Invalid unicode escape/);
    expect(parseError(() => parseExpression("INTERVAL '1' FORTNIGHT")).expected).toContain('"DAY"');
    expect(parseError(() => parseExpression('EXTRACT(FOO FROM x)')).expected).toEqual(['<time unit>']);
    expect(parseError(() => parseDataType('VARCHAR(99999999999999999999)')).message).toBe(
      "Numeric literal '99999999999999999999' out of range at line 1, column 9",
    );
  });
});
