import { type Expr, parseExpression, parseStatement, type Statement } from '@tributary/sql';

/** Deep copy without `span` properties, so expected trees can be written by hand. */
export function strip<T>(node: T): T {
  if (Array.isArray(node)) return node.map(strip) as T;
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (k !== 'span') out[k] = strip(v);
    return out as T;
  }
  return node;
}

export const expr = (sql: string): Expr => strip(parseExpression(sql));
export const stmt = (sql: string): Statement => strip(parseStatement(sql));
/** The single-table SELECT's first item expression. */
export const selectExpr = (sql: string): Expr => {
  const s = stmt(`SELECT ${sql} FROM t`);
  if (s.kind !== 'select') throw new Error(`not a select: ${s.kind}`);
  return s.items[0]!.expr;
};

// builders for expected trees (span-less)
export const id = (...parts: string[]) => ({ kind: 'identifier', parts }) as Expr;
export const num = (text: string, numType: 'integer' | 'decimal' | 'approx' = 'integer') =>
  ({ kind: 'numeric', text, numType }) as Expr;
export const str = (value: string) => ({ kind: 'string', value }) as Expr;
export const bin = (op: string, left: Expr, right: Expr) => ({ kind: 'binary-op', op, left, right }) as Expr;
export const not = (operand: Expr) => ({ kind: 'unary', op: 'NOT', operand }) as Expr;
export const neg = (operand: Expr) => ({ kind: 'unary', op: '-', operand }) as Expr;
export const call = (name: string, ...args: Expr[]) => ({ kind: 'call', name: [name], args }) as Expr;
export const sym = (value: string) => ({ kind: 'symbol', value }) as Expr;
export const tableRef = (...name: string[]) => ({ kind: 'table-ref', name, hints: [] });

/** Runs `fn`, which must throw a SqlParseError; returns it. */
export function parseError(fn: () => unknown): {
  message: string;
  line: number;
  column: number;
  token: string;
  expected: readonly string[];
} {
  try {
    fn();
  } catch (e) {
    if ((e as Error).name === 'SqlParseError') return e as never;
    throw e;
  }
  throw new Error('expected a SqlParseError');
}
