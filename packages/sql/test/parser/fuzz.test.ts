import { formatSql, parseStatement, parseStatements, SqlParseError, splitStatements } from '@tributary/sql';
import { describe, expect, it } from 'vitest';
import { CORPUS } from './corpus.js';
import { strip } from './helpers.js';

/** Small deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCAB = [
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'BY',
  'HAVING',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'FETCH',
  'FIRST',
  'ROWS',
  'ONLY',
  'UNION',
  'ALL',
  'INTERSECT',
  'EXCEPT',
  'DISTINCT',
  'AS',
  'JOIN',
  'LEFT',
  'CROSS',
  'ON',
  'USING',
  'UNNEST',
  'LATERAL',
  'TABLE',
  'WITH',
  'ORDINALITY',
  'VALUES',
  'AND',
  'OR',
  'NOT',
  'IS',
  'NULL',
  'TRUE',
  'IN',
  'BETWEEN',
  'LIKE',
  'ESCAPE',
  'EXISTS',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'CAST',
  'TRY_CAST',
  'INTERVAL',
  'DAY',
  'SECOND',
  'TO',
  'YEAR',
  'MONTH',
  'DATE',
  'TIMESTAMP',
  'ARRAY',
  'MAP',
  'ROW',
  'MULTISET',
  'INT',
  'VARCHAR',
  'DECIMAL',
  'OVER',
  'PARTITION',
  'RANGE',
  'PRECEDING',
  'CURRENT',
  'UNBOUNDED',
  'FILTER',
  'EXTRACT',
  'TRIM',
  'BOTH',
  'POSITION',
  'SUBSTRING',
  'FOR',
  'OVERLAY',
  'PLACING',
  'CEIL',
  'TIMESTAMPADD',
  'CREATE',
  'TEMPORARY',
  'VIEW',
  'FUNCTION',
  'CATALOG',
  'DATABASE',
  'WATERMARK',
  'PRIMARY',
  'KEY',
  'ENFORCED',
  'METADATA',
  'VIRTUAL',
  'COMMENT',
  'PARTITIONED',
  'INSERT',
  'INTO',
  'OVERWRITE',
  'EXECUTE',
  'STATEMENT',
  'SET',
  'BEGIN',
  'EXPLAIN',
  'SHOW',
  'TABLES',
  'DESCRIBE',
  'USE',
  'RESET',
  'DROP',
  'ALTER',
  'ADD',
  'RENAME',
  'IF',
  'DESCRIPTOR',
  'TUMBLE',
  'SYSTEM_TIME',
  'OF',
  'MATCH_RECOGNIZE',
  'GROUPING',
  'SETS',
  'ROLLUP',
  'CUBE',
  'a',
  'b',
  't',
  '`x y`',
  "'s'",
  "'k'",
  '1',
  '2.5',
  '1e3',
  "X'AB'",
  "U&'\\0041'",
  '?',
  '(',
  ')',
  '[',
  ']',
  ',',
  ';',
  '.',
  '*',
  '+',
  '-',
  '/',
  '%',
  '||',
  '=',
  '<>',
  '<',
  '>=',
  '=>',
  '/*+',
  '*/',
  '/* c */',
  '-- c\n',
  '\n',
];

function check(sql: string): boolean {
  const t0 = performance.now();
  let ok = false;
  try {
    const ast = parseStatement(sql);
    // anything that parses must also format to text that parses to the same tree
    const text = formatSql(ast);
    let again: unknown;
    try {
      again = parseStatement(text);
    } catch (e) {
      throw new Error(`formatted text of ${JSON.stringify(sql)} does not parse: ${text}: ${(e as Error).message}`);
    }
    expect(strip(again), `${sql} -> ${text}`).toEqual(strip(ast));
    ok = true;
  } catch (e) {
    if (!(e instanceof SqlParseError)) {
      throw new Error(`non-SqlParseError for ${JSON.stringify(sql)}: ${(e as Error)?.stack ?? e}`);
    }
    expect(Number.isInteger(e.line) && e.line >= 1 && Number.isInteger(e.column) && e.column >= 1).toBe(true);
  }
  try {
    parseStatements(sql);
  } catch (e) {
    if (!(e instanceof SqlParseError)) throw new Error(`non-SqlParseError (script) for ${JSON.stringify(sql)}: ${e}`);
  }
  splitStatements(sql); // never throws
  const ms = performance.now() - t0;
  if (ms > 500) throw new Error(`took ${ms.toFixed(0)} ms: ${JSON.stringify(sql.slice(0, 200))}`);
  return ok;
}

describe('parser fuzz (only SqlParseError, no hang)', () => {
  it('random byte strings', () => {
    const r = rng(1);
    for (let i = 0; i < 3000; i++) {
      const len = Math.floor(r() * 80);
      let s = '';
      for (let j = 0; j < len; j++) {
        // mostly ASCII, some control characters and astral/BMP code points
        const x = r();
        s +=
          x < 0.9
            ? String.fromCharCode(Math.floor(r() * 128))
            : String.fromCodePoint(Math.floor(r() * 0x10ffff) & ~0x800);
      }
      check(s);
    }
  });

  it('token soups', () => {
    const r = rng(2);
    for (let i = 0; i < 4000; i++) {
      const n = 1 + Math.floor(r() * 25);
      const parts: string[] = [];
      // half of them start like a statement so the parser gets deep
      if (r() < 0.5)
        parts.push(['SELECT', 'CREATE TABLE t (', 'INSERT INTO t', 'SELECT * FROM', 'EXPLAIN'][Math.floor(r() * 5)]!);
      for (let j = 0; j < n; j++) parts.push(VOCAB[Math.floor(r() * VOCAB.length)]!);
      check(parts.join(r() < 0.8 ? ' ' : ''));
    }
  });

  it('truncations of valid statements', () => {
    let n = 0;
    for (const sql of CORPUS) {
      const step = Math.max(1, Math.floor(sql.length / 60));
      for (let k = 0; k <= sql.length; k += step) {
        check(sql.slice(0, k));
        n++;
      }
    }
    expect(n).toBeGreaterThan(1000);
  });

  it('mutations of valid statements (delete, duplicate, swap, insert characters and words)', () => {
    const r = rng(3);
    let parsed = 0;
    for (let i = 0; i < 4000; i++) {
      let s = CORPUS[Math.floor(r() * CORPUS.length)]!;
      const edits = 1 + Math.floor(r() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(r() * (s.length + 1));
        const len = 1 + Math.floor(r() * 8);
        const op = Math.floor(r() * 5);
        if (op === 0) s = s.slice(0, at) + s.slice(at + len);
        else if (op === 1) s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
        else if (op === 2) s = s.slice(0, at) + ` ${VOCAB[Math.floor(r() * VOCAB.length)]} ` + s.slice(at);
        else if (op === 3) s = s.slice(0, at) + "()[]'`,;.*/-+=<>"[Math.floor(r() * 16)] + s.slice(at);
        else {
          const b = Math.floor(r() * s.length);
          const [x, y] = at < b ? [at, b] : [b, at];
          s = s.slice(0, x) + s.slice(y, y + len) + s.slice(x + len, y) + s.slice(x, x + len) + s.slice(y + len);
        }
      }
      if (check(s)) parsed++;
    }
    // a fair share of mutants still parse, so the format round trip is exercised too
    expect(parsed).toBeGreaterThan(200);
  });
});
