/**
 * AST for expressions, data types and queries. Every node is a plain object with a `kind` discriminator and the
 * `span` of source text it was parsed from. Parentheses leave no trace (they only group), so formatting an AST and
 * parsing it again gives an equal tree. Names keep their case as written (Flink identifiers are case-sensitive).
 */
import type { Span } from './span.js';

/** A possibly qualified name such as `cat.db.tbl`, one element per part. */
export type QualifiedName = string[];

// ---------------------------------------------------------------------------------------------------------------
// Data types

/** Neutral data type node; the type system turns it into a logical type. `name` is canonical upper case. */
export interface TypeNode {
  kind: 'type';
  /**
   * CHAR, VARCHAR, STRING, BOOLEAN, BINARY, VARBINARY, BYTES, DECIMAL, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE,
   * DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ, INTERVAL, ARRAY, MAP, MULTISET, ROW, RAW, NULL; for a user-defined type the
   * qualified name as written (with `userDefined`). Synonyms are normalised: INTEGER -> INT, DEC/NUMERIC -> DECIMAL,
   * REAL -> FLOAT, DOUBLE PRECISION -> DOUBLE, TIMESTAMP WITH LOCAL TIME ZONE -> TIMESTAMP_LTZ, `T ARRAY` -> ARRAY<T>.
   */
  name: string;
  /** Precision/scale/length numbers, or the string arguments of RAW. */
  params: (number | string)[];
  /** ARRAY/MULTISET: [element]; MAP: [key, value]. */
  elements?: TypeNode[];
  /** ROW fields. */
  fields?: RowFieldNode[];
  /** INTERVAL types. */
  interval?: IntervalQualifier;
  userDefined?: boolean;
  nullable: boolean;
  span: Span;
}

export interface RowFieldNode {
  name: string;
  type: TypeNode;
  comment?: string;
  span: Span;
}

export type TimeUnit =
  | 'YEAR'
  | 'QUARTER'
  | 'MONTH'
  | 'WEEK'
  | 'DAY'
  | 'HOUR'
  | 'MINUTE'
  | 'SECOND'
  | 'MILLISECOND'
  | 'MICROSECOND'
  | 'NANOSECOND';

/** `DAY(2) TO SECOND(3)`: start unit with optional precision, optional end unit with fractional precision. */
export interface IntervalQualifier {
  start: TimeUnit;
  startPrecision?: number;
  end?: TimeUnit;
  /** Fractional second precision: `SECOND(p, f)` or `... TO SECOND(f)`. */
  fractionalPrecision?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Expressions

export type Expr =
  | NumericLiteral
  | StringLiteral
  | BinaryLiteral
  | BooleanLiteral
  | NullLiteral
  | TypedLiteral
  | IntervalLiteral
  | Identifier
  | Star
  | Param
  | UnaryExpr
  | BinaryExpr
  | IsExpr
  | IsDistinctExpr
  | BetweenExpr
  | LikeExpr
  | InExpr
  | QuantifiedExpr
  | ExistsExpr
  | SubqueryExpr
  | CastExpr
  | CaseExpr
  | CallExpr
  | SymbolExpr
  | NamedArg
  | TableArg
  | DescriptorExpr
  | ConstructorExpr
  | IndexExpr
  | FieldExpr;

export interface NumericLiteral {
  kind: 'numeric';
  /** Exact text: `integer` (123), `decimal` (1.50, keeps scale), `approx` (1e3). */
  text: string;
  numType: 'integer' | 'decimal' | 'approx';
  span: Span;
}
export interface StringLiteral {
  kind: 'string';
  value: string;
  span: Span;
}
export interface BinaryLiteral {
  kind: 'binary';
  /** Upper-case hexadecimal digits. */
  hex: string;
  span: Span;
}
export interface BooleanLiteral {
  kind: 'boolean';
  /** `null` is UNKNOWN. */
  value: boolean | null;
  span: Span;
}
export interface NullLiteral {
  kind: 'null';
  span: Span;
}
/** `DATE '2020-01-01'`, `TIME '12:00:00'`, `TIMESTAMP '...'`, `TIMESTAMP_LTZ '...'`. */
export interface TypedLiteral {
  kind: 'typed-literal';
  type: 'DATE' | 'TIME' | 'TIMESTAMP' | 'TIMESTAMP_LTZ';
  value: string;
  span: Span;
}
/** `INTERVAL '1' DAY`, `INTERVAL -'1-2' YEAR TO MONTH`. */
export interface IntervalLiteral {
  kind: 'interval';
  negative: boolean;
  value: string;
  qualifier: IntervalQualifier;
  span: Span;
}
/** Column or other (possibly qualified) name: `a`, `t.a`, `cat.db.t.a`. */
export interface Identifier {
  kind: 'identifier';
  parts: QualifiedName;
  span: Span;
}
/** `*` or `t.*` (also COUNT(*)'s argument). */
export interface Star {
  kind: 'star';
  qualifier: QualifiedName;
  span: Span;
}
/** Dynamic parameter `?`, numbered from 0 in order of appearance in the statement. */
export interface Param {
  kind: 'param';
  index: number;
  span: Span;
}
export interface UnaryExpr {
  kind: 'unary';
  op: '-' | '+' | 'NOT';
  operand: Expr;
  span: Span;
}
export type BinaryOp = 'OR' | 'AND' | '=' | '<>' | '<' | '<=' | '>' | '>=' | '||' | '+' | '-' | '*' | '/' | '%';
export interface BinaryExpr {
  kind: 'binary-op';
  op: BinaryOp;
  left: Expr;
  right: Expr;
  span: Span;
}
/** `x IS [NOT] NULL|TRUE|FALSE|UNKNOWN`. */
export interface IsExpr {
  kind: 'is';
  operand: Expr;
  not: boolean;
  test: 'NULL' | 'TRUE' | 'FALSE' | 'UNKNOWN';
  span: Span;
}
export interface IsDistinctExpr {
  kind: 'is-distinct';
  left: Expr;
  right: Expr;
  not: boolean;
  span: Span;
}
export interface BetweenExpr {
  kind: 'between';
  operand: Expr;
  low: Expr;
  high: Expr;
  not: boolean;
  symmetric: boolean;
  span: Span;
}
export interface LikeExpr {
  kind: 'like';
  op: 'LIKE' | 'SIMILAR TO';
  operand: Expr;
  pattern: Expr;
  escape?: Expr;
  not: boolean;
  span: Span;
}
/** `x [NOT] IN (list)` or `x [NOT] IN (subquery)`: exactly one of `list` and `query` is set. */
export interface InExpr {
  kind: 'in';
  operand: Expr;
  not: boolean;
  list?: Expr[];
  query?: Query;
  span: Span;
}
/** `x = ANY (subquery)`, `x > ALL (...)`. */
export interface QuantifiedExpr {
  kind: 'quantified';
  op: '=' | '<>' | '<' | '<=' | '>' | '>=';
  quantifier: 'ANY' | 'SOME' | 'ALL';
  operand: Expr;
  query: Query;
  span: Span;
}
export interface ExistsExpr {
  kind: 'exists';
  query: Query;
  span: Span;
}
/** Scalar subquery `(SELECT ...)`. */
export interface SubqueryExpr {
  kind: 'subquery';
  query: Query;
  span: Span;
}
export interface CastExpr {
  kind: 'cast';
  operand: Expr;
  type: TypeNode;
  /** TRY_CAST */
  try: boolean;
  span: Span;
}
/** Simple CASE (with `operand`) or searched CASE. */
export interface CaseExpr {
  kind: 'case';
  operand?: Expr;
  whens: { when: Expr; result: Expr }[];
  else?: Expr;
  span: Span;
}
/**
 * Function call. Special syntaxes are normalised to plain argument lists with `symbol` arguments:
 * EXTRACT(YEAR FROM x) -> EXTRACT(YEAR, x); POSITION(a IN b) -> POSITION(a, b); TRIM(LEADING 'x' FROM y) ->
 * TRIM(LEADING, 'x', y) (side and characters default to BOTH and ' '); SUBSTRING(x FROM a FOR b) -> SUBSTRING(x, a, b);
 * OVERLAY(x PLACING y FROM a FOR b) -> OVERLAY(x, y, a, b); CEIL(x TO DAY) -> CEIL(x, DAY);
 * TIMESTAMPADD(DAY, n, t) -> the unit is a symbol. Niladic CURRENT_TIMESTAMP etc. have `niladic`.
 */
export interface CallExpr {
  kind: 'call';
  name: QualifiedName;
  args: Expr[];
  /** Set quantifier of an aggregate: COUNT(DISTINCT x). */
  quantifier?: 'DISTINCT' | 'ALL';
  /** `FILTER (WHERE cond)` on an aggregate. */
  filter?: Expr;
  /** `OVER (spec)` or `OVER w`. */
  over?: WindowSpec;
  niladic?: boolean;
  span: Span;
}
/** A keyword argument of a special function: time unit (YEAR, ...) or TRIM side (BOTH/LEADING/TRAILING). */
export interface SymbolExpr {
  kind: 'symbol';
  value: string;
  span: Span;
}
/** `name => value` in a call. */
export interface NamedArg {
  kind: 'named-arg';
  name: string;
  value: Expr;
  span: Span;
}
/** `TABLE t [PARTITION BY ...]` or `TABLE (subquery)` argument of a table function such as a window TVF. */
export interface TableArg {
  kind: 'table-arg';
  table?: QualifiedName;
  query?: Query;
  partitionBy?: Expr[];
  span: Span;
}
/** `DESCRIPTOR(col, ...)` */
export interface DescriptorExpr {
  kind: 'descriptor';
  columns: string[];
  span: Span;
}
/** ARRAY[...], MAP[k, v, ...], ROW(...) and the implicit row `(a, b)`. */
export interface ConstructorExpr {
  kind: 'constructor';
  type: 'ARRAY' | 'MAP' | 'ROW';
  args: Expr[];
  /** `(a, b)` without the ROW keyword. */
  implicit?: boolean;
  span: Span;
}
/** `arr[1]`, `m['k']` */
export interface IndexExpr {
  kind: 'index';
  operand: Expr;
  index: Expr;
  span: Span;
}
/** `expr.field` where expr is not a plain name (names fold into Identifier parts). */
export interface FieldExpr {
  kind: 'field';
  operand: Expr;
  field: string;
  span: Span;
}

/** OVER clause or WINDOW clause body. */
export interface WindowSpec {
  kind: 'window-spec';
  /** `OVER w` or `OVER (w ...)`: the referenced named window. */
  ref?: string;
  partitionBy: Expr[];
  orderBy: OrderItem[];
  frame?: WindowFrame;
  span: Span;
}
export interface WindowFrame {
  unit: 'ROWS' | 'RANGE';
  start: FrameBound;
  /** Absent for the short form `ROWS 2 PRECEDING`. */
  end?: FrameBound;
  span: Span;
}
export interface FrameBound {
  type: 'UNBOUNDED PRECEDING' | 'UNBOUNDED FOLLOWING' | 'CURRENT ROW' | 'PRECEDING' | 'FOLLOWING';
  offset?: Expr;
  span: Span;
}

export interface OrderItem {
  kind: 'order-item';
  expr: Expr;
  direction?: 'ASC' | 'DESC';
  nulls?: 'FIRST' | 'LAST';
  span: Span;
}

// ---------------------------------------------------------------------------------------------------------------
// Queries

export type Query = Select | SetOperation | Values | QueryWrapper;

/** A query with WITH, ORDER BY, LIMIT/FETCH or OFFSET around its body (only created when one of them is present). */
export interface QueryWrapper {
  kind: 'query';
  with: Cte[];
  body: Query;
  orderBy: OrderItem[];
  /** LIMIT n and FETCH FIRST|NEXT n ROWS ONLY. */
  limit?: Expr;
  offset?: Expr;
  span: Span;
}
export interface Cte {
  kind: 'cte';
  name: string;
  columns?: string[];
  query: Query;
  span: Span;
}
export interface Select {
  kind: 'select';
  hints: Hint[];
  quantifier?: 'DISTINCT' | 'ALL';
  items: SelectItem[];
  from?: FromItem;
  where?: Expr;
  groupBy?: GroupingElement[];
  having?: Expr;
  windows: NamedWindow[];
  span: Span;
}
export interface SelectItem {
  kind: 'select-item';
  expr: Expr;
  alias?: string;
  span: Span;
}
export interface NamedWindow {
  kind: 'named-window';
  name: string;
  spec: WindowSpec;
  span: Span;
}
export interface SetOperation {
  kind: 'set-op';
  op: 'UNION' | 'INTERSECT' | 'EXCEPT';
  all: boolean;
  left: Query;
  right: Query;
  span: Span;
}
/** `VALUES (1, 'a'), (2, 'b')`: each row is an expression (normally a ROW constructor). */
export interface Values {
  kind: 'values';
  rows: Expr[];
  span: Span;
}

export type GroupingElement = Expr | GroupingSets | Rollup | Cube | EmptyGroup;
export interface GroupingSets {
  kind: 'grouping-sets';
  sets: GroupingElement[];
  span: Span;
}
export interface Rollup {
  kind: 'rollup';
  exprs: Expr[];
  span: Span;
}
export interface Cube {
  kind: 'cube';
  exprs: Expr[];
  span: Span;
}
/** `()` in GROUPING SETS. */
export interface EmptyGroup {
  kind: 'empty-group';
  span: Span;
}

/** `/*+ NAME(args) *\/`: `options` for key/value form ('k'='v'), `args` for plain lists (names or literals). */
export interface Hint {
  kind: 'hint';
  name: string;
  options?: Property[];
  args?: string[];
  span: Span;
}
/** `'key' = 'value'` in WITH (...), SET, OPTIONS hints. */
export interface Property {
  kind: 'property';
  key: string;
  value: string;
  span: Span;
}

export type FromItem = TableRef | DerivedTable | Join | UnnestRef | TableFunctionRef;

interface Aliased {
  alias?: string;
  columnAliases?: string[];
}
export interface TableRef extends Aliased {
  kind: 'table-ref';
  name: QualifiedName;
  hints: Hint[];
  /** `FOR SYSTEM_TIME AS OF expr` (temporal join). */
  systemTime?: Expr;
  span: Span;
}
export interface DerivedTable extends Aliased {
  kind: 'derived-table';
  query: Query;
  lateral: boolean;
  span: Span;
}
export interface Join {
  kind: 'join';
  /** COMMA is the `FROM a, b` form. */
  joinType: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS' | 'COMMA';
  natural: boolean;
  left: FromItem;
  right: FromItem;
  on?: Expr;
  using?: string[];
  span: Span;
}
export interface UnnestRef extends Aliased {
  kind: 'unnest';
  args: Expr[];
  withOrdinality: boolean;
  span: Span;
}
/** `TABLE(fn(...))` / `LATERAL TABLE(fn(...))`, including window TVFs TUMBLE/HOP/CUMULATE/SESSION. */
export interface TableFunctionRef extends Aliased {
  kind: 'table-function';
  call: CallExpr;
  lateral: boolean;
  span: Span;
}
