import { TributaryError } from '@tributary/core';
import type { Pos } from './span.js';

/**
 * A statement that cannot be parsed. Always carries the position of the offending token (1-based line and column)
 * and, for grammar errors, what the parser would have accepted there (like Flink's "Was expecting one of").
 */
export class SqlParseError extends TributaryError {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  /** Source text of the offending token, or `<EOF>`. */
  readonly token: string;
  readonly expected: readonly string[];

  constructor(message: string, pos: Pos, token: string, expected: readonly string[] = []) {
    super('SQL_PARSE', message);
    this.line = pos.line;
    this.column = pos.column;
    this.offset = pos.offset;
    this.token = token;
    this.expected = expected;
  }
}
