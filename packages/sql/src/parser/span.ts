/** A position in SQL source text: 0-based character offset, 1-based line and column. */
export interface Pos {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** Source range of a token or AST node: `start` is the first character, `end` is just past the last one. */
export interface Span {
  readonly start: Pos;
  readonly end: Pos;
}

export function span(start: Pos, end: Pos): Span {
  return { start, end };
}

export function formatPos(p: Pos): string {
  return `line ${p.line}, column ${p.column}`;
}
