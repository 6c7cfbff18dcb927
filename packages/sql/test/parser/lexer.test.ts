import { SqlParseError, tokenize } from '@tributary/sql';
import { describe, expect, it } from 'vitest';

const kinds = (sql: string) => tokenize(sql).map((t) => [t.kind, t.text]);

describe('lexer', () => {
  it('reads words, quoted identifiers with doubled back quotes, and keeps case', () => {
    expect(kinds('select MyCol, `a b`, `x``y` FROM t')).toEqual([
      ['word', 'select'],
      ['word', 'MyCol'],
      ['op', ','],
      ['quoted', 'a b'],
      ['op', ','],
      ['quoted', 'x`y'],
      ['word', 'FROM'],
      ['word', 't'],
      ['eof', ''],
    ]);
    expect(tokenize('select')[0]!.upper).toBe('SELECT');
  });

  it("reads strings with '' escapes, U& strings, X'..' binary literals", () => {
    expect(kinds("'it''s' U&'\\0041' X'0aFF' x'' 'a'\n'b'")).toEqual([
      ['string', "it's"],
      ['ustring', '\\0041'],
      ['binary', '0aFF'],
      ['binary', ''],
      ['string', 'a'],
      ['string', 'b'],
      ['eof', ''],
    ]);
  });

  it('reads integers, decimals and approximate numbers', () => {
    expect(kinds('1 12.5 .5 3. 1e3 1.5E-2 2e+4')).toEqual([
      ['integer', '1'],
      ['decimal', '12.5'],
      ['decimal', '.5'],
      ['decimal', '3.'],
      ['approx', '1e3'],
      ['approx', '1.5E-2'],
      ['approx', '2e+4'],
      ['eof', ''],
    ]);
  });

  it('skips -- and /* */ comments but keeps /*+ hints */ as tokens', () => {
    expect(kinds("a -- comment ; 'x'\n/* block\n ; */ b /*+ OPTIONS('k'='v') */ c")).toEqual([
      ['word', 'a'],
      ['word', 'b'],
      ['hint-start', '/*+'],
      ['word', 'OPTIONS'],
      ['op', '('],
      ['string', 'k'],
      ['op', '='],
      ['string', 'v'],
      ['op', ')'],
      ['hint-end', '*/'],
      ['word', 'c'],
      ['eof', ''],
    ]);
  });

  it('reads operators and parameters', () => {
    expect(kinds('<> != <= >= || => ? * . [ ]').map((x) => x[1])).toEqual([
      '<>',
      '!=',
      '<=',
      '>=',
      '||',
      '=>',
      '?',
      '*',
      '.',
      '[',
      ']',
      '',
    ]);
  });

  it('gives every token a span with 1-based line and column', () => {
    const toks = tokenize("SELECT\n  a,\r\n  'x\ny' AS b");
    const a = toks[1]!;
    expect(a.start).toEqual({ offset: 9, line: 2, column: 3 });
    expect(a.end).toEqual({ offset: 10, line: 2, column: 4 });
    const s = toks[3]!; // 'x\ny' spans two lines
    expect(s.start).toEqual({ offset: 15, line: 3, column: 3 });
    expect(s.end).toEqual({ offset: 20, line: 4, column: 3 });
    const as = toks[4]!;
    expect(as.start).toEqual({ offset: 21, line: 4, column: 4 });
  });

  it('can start at a position inside a larger script', () => {
    const toks = tokenize('a b', { offset: 100, line: 7, column: 5 });
    expect(toks[1]!.start).toEqual({ offset: 102, line: 7, column: 7 });
  });

  it('reports lexical errors with their position', () => {
    const cases: [string, RegExp, number, number][] = [
      ["SELECT 'abc", /unclosed string literal/, 1, 8],
      ['SELECT `abc', /unclosed quoted identifier/, 1, 8],
      ['a /* x', /unclosed comment/, 1, 3],
      ["X'ABC'", /even number/, 1, 1],
      ["X'GG'", /invalid character/, 1, 1],
      ['1e+', /exponent/, 1, 1],
      ['a\n  #', /unexpected character '#'/, 2, 3],
      ['"x"', /double-quoted identifiers/, 1, 1],
      ['/*+ OPTIONS(', /unclosed hint/, 1, 13],
    ];
    for (const [sql, msg, line, column] of cases) {
      let err: unknown;
      try {
        tokenize(sql);
      } catch (e) {
        err = e;
      }
      expect(err, sql).toBeInstanceOf(SqlParseError);
      const pe = err as SqlParseError;
      expect(pe.message, sql).toMatch(msg);
      expect([pe.line, pe.column], sql).toEqual([line, column]);
      expect(pe.message).toContain(`line ${line}, column ${column}`);
    }
  });
});
