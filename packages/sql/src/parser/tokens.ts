import type { Pos } from './span.js';

/**
 * Token kinds. Unquoted words are one kind: whether a word is a keyword depends on where it appears, which the
 * parser decides (Flink keywords are case-insensitive, identifiers keep their case).
 */
export type TokenKind =
  | 'word' // unquoted identifier or keyword; `upper` holds the upper-cased text
  | 'quoted' // `back quoted` identifier; `text` is unescaped
  | 'string' // 'character string'; `text` is unescaped
  | 'ustring' // U&'unicode string'; `text` is the raw body (escapes are decoded by the parser, which knows UESCAPE)
  | 'binary' // X'0AFF'; `text` holds the hex digits
  | 'integer'
  | 'decimal'
  | 'approx' // 1e3, 1.5E-2
  | 'param' // ?
  | 'op' // punctuation and operators; `text` is the operator
  | 'hint-start' // /*+
  | 'hint-end' // */ closing a hint
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Upper-cased text for `word` tokens, '' otherwise. */
  readonly upper: string;
  readonly start: Pos;
  readonly end: Pos;
}

/**
 * Words that cannot be used as unquoted identifiers or implicit aliases (a subset of Calcite's reserved words, chosen
 * so that every clause boundary is unambiguous). Anything else may be used as a name.
 */
export const RESERVED: ReadonlySet<string> = new Set([
  'ALL',
  'ALTER',
  'AND',
  'ARRAY',
  'AS',
  'ASC',
  'BETWEEN',
  'BY',
  'CASE',
  'CAST',
  'CREATE',
  'CROSS',
  'CURRENT_DATE',
  'CURRENT_TIME',
  'CURRENT_TIMESTAMP',
  'DATE',
  'DESC',
  'DISTINCT',
  'DROP',
  'ELSE',
  'END',
  'ESCAPE',
  'EXCEPT',
  'EXISTS',
  'FALSE',
  'FETCH',
  'FILTER',
  'FOR',
  'FROM',
  'FULL',
  'GROUP',
  'HAVING',
  'IN',
  'INNER',
  'INSERT',
  'INTERSECT',
  'INTERVAL',
  'INTO',
  'IS',
  'JOIN',
  'LATERAL',
  'LEFT',
  'LIKE',
  'LIMIT',
  'LOCALTIME',
  'LOCALTIMESTAMP',
  'MAP',
  'MATCH_RECOGNIZE',
  'MINUS',
  'MULTISET',
  'NATURAL',
  'NOT',
  'NULL',
  'OFFSET',
  'ON',
  'OR',
  'ORDER',
  'OUTER',
  'OVER',
  'PARTITION',
  'RIGHT',
  'ROW',
  'SELECT',
  'SET',
  'SIMILAR',
  'TABLE',
  'THEN',
  'TIME',
  'TIMESTAMP',
  'TRUE',
  'UNION',
  'UNKNOWN',
  'UNNEST',
  'USING',
  'VALUES',
  'WHEN',
  'WHERE',
  'WINDOW',
  'WITH',
]);

/**
 * Words the formatter always back-quotes when they are names, because some statement position gives them a meaning
 * (e.g. `WATERMARK FOR`, `PRIMARY KEY`, `METADATA`). Reserved words are quoted too.
 */
export const CONTEXTUAL_KEYWORDS: ReadonlySet<string> = new Set([
  'BEGIN',
  'CATALOG',
  'COMMENT',
  'CONSTRAINT',
  'CURRENT',
  'DATABASE',
  'DESCRIBE',
  'DESCRIPTOR',
  'ENFORCED',
  'EXECUTE',
  'EXPLAIN',
  'FIRST',
  'FOLLOWING',
  'FUNCTION',
  'LANGUAGE',
  'LAST',
  'METADATA',
  'NULLS',
  'OF',
  'ONLY',
  'OVERWRITE',
  'PARTITIONED',
  'PRECEDING',
  'PRIMARY',
  'RANGE',
  'RESET',
  'ROWS',
  'SHOW',
  'STATEMENT',
  'SYSTEM_TIME',
  'TEMPORARY',
  'UNBOUNDED',
  'USE',
  'VIEW',
  'VIRTUAL',
  'WATERMARK',
]);

export function tokenDisplay(t: Token, source: string, base: number): string {
  if (t.kind === 'eof') return '<EOF>';
  return source.slice(t.start.offset - base, t.end.offset - base);
}
