import type {
  CallExpr,
  Expr,
  Hint,
  IntervalQualifier,
  OrderItem,
  Property,
  Query,
  TypeNode,
  WindowSpec,
} from './ast.js';
import { BP } from './precedence.js';
import { CONTEXTUAL_KEYWORDS, RESERVED } from './tokens.js';

const SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const EXTRA_QUOTED = new Set(['CUBE', 'ROLLUP', 'GROUPING', 'TRY_CAST', 'TIMESTAMP_LTZ', 'SYSTEM', 'OR', 'IF']);

/** Back-quotes a name when it is not a plain word or could be read as a keyword. */
export function quoteIdent(name: string): string {
  const u = name.toUpperCase();
  if (SIMPLE_NAME.test(name) && !RESERVED.has(u) && !CONTEXTUAL_KEYWORDS.has(u) && !EXTRA_QUOTED.has(u)) return name;
  return '`' + name.replace(/`/g, '``') + '`';
}

export function quoteName(parts: readonly string[]): string {
  return parts.map(quoteIdent).join('.');
}

export function quoteString(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}

/** Binding power of the operator at the top of an expression (atoms bind tightest). */
function prec(e: Expr): number {
  switch (e.kind) {
    case 'binary-op':
      switch (e.op) {
        case 'OR':
          return BP.OR;
        case 'AND':
          return BP.AND;
        case '+':
        case '-':
          return BP.ADD;
        case '*':
        case '/':
        case '%':
        case '||':
          return BP.MUL;
        default:
          return BP.COMPARE;
      }
    case 'unary':
      return e.op === 'NOT' ? BP.NOT : BP.UNARY;
    case 'is':
      return BP.IS;
    case 'is-distinct':
    case 'quantified':
      return BP.COMPARE;
    case 'between':
    case 'like':
    case 'in':
      return BP.BETWEEN;
    case 'index':
    case 'field':
      return BP.POSTFIX;
    default:
      return 1000;
  }
}

/** Formats expressions and types; subclasses add queries (which expressions can contain). */
export abstract class ExprFormatter {
  abstract query(q: Query): string;

  /** `e` as the left (or only, for postfix) operand of an operator with binding power `bp`. */
  protected left(e: Expr, bp: number): string {
    const s = this.expr(e);
    return prec(e) < bp ? `(${s})` : s;
  }

  /** `e` as an operand parsed with minimum binding power `bp` (right side of a left-associative operator). */
  protected right(e: Expr, bp: number): string {
    const s = this.expr(e);
    return prec(e) <= bp ? `(${s})` : s;
  }

  expr(e: Expr): string {
    switch (e.kind) {
      case 'numeric':
        return e.text;
      case 'string':
        return quoteString(e.value);
      case 'binary':
        return `X'${e.hex}'`;
      case 'boolean':
        return e.value === null ? 'UNKNOWN' : e.value ? 'TRUE' : 'FALSE';
      case 'null':
        return 'NULL';
      case 'typed-literal':
        return `${e.type} ${quoteString(e.value)}`;
      case 'interval':
        return `INTERVAL ${e.negative ? '-' : ''}${quoteString(e.value)} ${this.qualifier(e.qualifier)}`;
      case 'identifier':
        return quoteName(e.parts);
      case 'star':
        return e.qualifier.length ? `${quoteName(e.qualifier)}.*` : '*';
      case 'param':
        return '?';
      case 'unary': {
        if (e.op === 'NOT') return `NOT ${this.right(e.operand, BP.NOT)}`;
        const s = this.right(e.operand, BP.UNARY);
        // never print `--` (a comment) or `+-`
        return s.startsWith('-') || s.startsWith('+') ? `${e.op}(${s})` : `${e.op}${s}`;
      }
      case 'binary-op': {
        const bp = prec(e);
        return `${this.left(e.left, bp)} ${e.op} ${this.right(e.right, bp)}`;
      }
      case 'is':
        return `${this.left(e.operand, BP.IS)} IS ${e.not ? 'NOT ' : ''}${e.test}`;
      case 'is-distinct':
        return `${this.left(e.left, BP.COMPARE)} IS ${e.not ? 'NOT ' : ''}DISTINCT FROM ${this.right(e.right, BP.COMPARE)}`;
      case 'between':
        return (
          `${this.left(e.operand, BP.BETWEEN)} ${e.not ? 'NOT ' : ''}BETWEEN ${e.symmetric ? 'SYMMETRIC ' : ''}` +
          `${this.right(e.low, BP.BETWEEN)} AND ${this.right(e.high, BP.BETWEEN)}`
        );
      case 'like': {
        let s = `${this.left(e.operand, BP.BETWEEN)} ${e.not ? 'NOT ' : ''}${e.op} ${this.right(e.pattern, BP.BETWEEN)}`;
        if (e.escape) s += ` ESCAPE ${this.right(e.escape, BP.BETWEEN)}`;
        return s;
      }
      case 'in': {
        const inner = e.query ? this.query(e.query) : (e.list ?? []).map((x) => this.expr(x)).join(', ');
        return `${this.left(e.operand, BP.BETWEEN)} ${e.not ? 'NOT ' : ''}IN (${inner})`;
      }
      case 'quantified':
        return `${this.left(e.operand, BP.COMPARE)} ${e.op} ${e.quantifier} (${this.query(e.query)})`;
      case 'exists':
        return `EXISTS (${this.query(e.query)})`;
      case 'subquery':
        return `(${this.query(e.query)})`;
      case 'cast':
        return `${e.try ? 'TRY_CAST' : 'CAST'}(${this.expr(e.operand)} AS ${this.type(e.type)})`;
      case 'case': {
        let s = 'CASE';
        if (e.operand) s += ` ${this.expr(e.operand)}`;
        for (const w of e.whens) s += ` WHEN ${this.expr(w.when)} THEN ${this.expr(w.result)}`;
        if (e.else) s += ` ELSE ${this.expr(e.else)}`;
        return `${s} END`;
      }
      case 'call':
        return this.call(e);
      case 'symbol':
        return e.value;
      case 'named-arg':
        return `${quoteIdent(e.name)} => ${this.expr(e.value)}`;
      case 'table-arg': {
        if (e.query) return `TABLE (${this.query(e.query)})`;
        let s = `TABLE ${quoteName(e.table ?? [])}`;
        if (e.partitionBy?.length) s += ` PARTITION BY (${this.list(e.partitionBy)})`;
        return s;
      }
      case 'descriptor':
        return `DESCRIPTOR(${e.columns.map(quoteIdent).join(', ')})`;
      case 'constructor':
        if (e.type === 'ROW') return `${e.implicit ? '' : 'ROW'}(${this.list(e.args)})`;
        return `${e.type}[${this.list(e.args)}]`;
      case 'index':
        return `${this.left(e.operand, BP.POSTFIX)}[${this.expr(e.index)}]`;
      case 'field':
        return `${this.left(e.operand, BP.POSTFIX)}.${quoteIdent(e.field)}`;
    }
  }

  protected list(es: readonly Expr[]): string {
    return es.map((x) => this.expr(x)).join(', ');
  }

  private call(e: CallExpr): string {
    const single = e.name.length === 1 ? e.name[0]!.toUpperCase() : '';
    const a = e.args;
    if (e.niladic) return single;
    const sym = (i: number) => a[i]?.kind === 'symbol';
    let inner: string | undefined;
    if (single === 'EXTRACT' && a.length === 2 && sym(0)) inner = `${this.expr(a[0]!)} FROM ${this.expr(a[1]!)}`;
    else if (single === 'POSITION' && (a.length === 2 || a.length === 3)) {
      inner = `${this.right(a[0]!, BP.BETWEEN)} IN ${this.expr(a[1]!)}`;
      if (a[2]) inner += ` FROM ${this.expr(a[2])}`;
    } else if (single === 'TRIM' && a.length === 3 && sym(0)) {
      inner = `${this.expr(a[0]!)} ${this.expr(a[1]!)} FROM ${this.expr(a[2]!)}`;
    } else if (single === 'OVERLAY' && (a.length === 3 || a.length === 4)) {
      inner = `${this.expr(a[0]!)} PLACING ${this.expr(a[1]!)} FROM ${this.expr(a[2]!)}`;
      if (a[3]) inner += ` FOR ${this.expr(a[3])}`;
    } else if ((single === 'CEIL' || single === 'CEILING' || single === 'FLOOR') && a.length === 2 && sym(1)) {
      inner = `${this.expr(a[0]!)} TO ${this.expr(a[1]!)}`;
    }
    if (inner === undefined) inner = (e.quantifier ? `${e.quantifier} ` : '') + this.list(a);
    const name = e.name.length === 1 && RESERVED.has(single) ? e.name[0]! : quoteName(e.name);
    let s = `${name}(${inner})`;
    if (e.filter) s += ` FILTER (WHERE ${this.expr(e.filter)})`;
    if (e.over) s += ` OVER ${e.over.ref && this.isBareRef(e.over) ? quoteIdent(e.over.ref) : this.windowSpec(e.over)}`;
    return s;
  }

  private isBareRef(w: WindowSpec): boolean {
    return w.partitionBy.length === 0 && w.orderBy.length === 0 && !w.frame;
  }

  windowSpec(w: WindowSpec): string {
    const parts: string[] = [];
    if (w.ref) parts.push(quoteIdent(w.ref));
    if (w.partitionBy.length) parts.push(`PARTITION BY ${this.list(w.partitionBy)}`);
    if (w.orderBy.length) parts.push(`ORDER BY ${this.orderItems(w.orderBy)}`);
    if (w.frame) {
      const b = (x: NonNullable<WindowSpec['frame']>['start']) =>
        x.offset ? `${this.expr(x.offset)} ${x.type}` : x.type;
      parts.push(
        w.frame.end
          ? `${w.frame.unit} BETWEEN ${b(w.frame.start)} AND ${b(w.frame.end)}`
          : `${w.frame.unit} ${b(w.frame.start)}`,
      );
    }
    return `(${parts.join(' ')})`;
  }

  orderItems(items: readonly OrderItem[]): string {
    return items
      .map((o) => this.expr(o.expr) + (o.direction ? ` ${o.direction}` : '') + (o.nulls ? ` NULLS ${o.nulls}` : ''))
      .join(', ');
  }

  qualifier(q: IntervalQualifier): string {
    let s: string = q.start;
    if (q.startPrecision !== undefined) {
      s +=
        q.start === 'SECOND' && q.fractionalPrecision !== undefined && !q.end
          ? `(${q.startPrecision}, ${q.fractionalPrecision})`
          : `(${q.startPrecision})`;
    }
    if (q.end) {
      s += ` TO ${q.end}`;
      if (q.fractionalPrecision !== undefined) s += `(${q.fractionalPrecision})`;
    }
    return s;
  }

  type(t: TypeNode): string {
    let s: string;
    if (t.userDefined) s = t.name.split('.').map(quoteIdent).join('.');
    else if (t.name === 'ARRAY' || t.name === 'MULTISET') s = `${t.name}<${this.type(t.elements![0]!)}>`;
    else if (t.name === 'MAP') s = `MAP<${this.type(t.elements![0]!)}, ${this.type(t.elements![1]!)}>`;
    else if (t.name === 'ROW') {
      const fs = (t.fields ?? []).map(
        (f) =>
          `${quoteIdent(f.name)} ${this.type(f.type)}${f.comment !== undefined ? ` ${quoteString(f.comment)}` : ''}`,
      );
      s = `ROW<${fs.join(', ')}>`;
    } else if (t.name === 'INTERVAL') s = `INTERVAL ${this.qualifier(t.interval!)}`;
    else if (t.name === 'RAW') s = `RAW(${t.params.map((p) => quoteString(String(p))).join(', ')})`;
    else s = t.params.length ? `${t.name}(${t.params.join(', ')})` : t.name;
    return t.nullable ? s : `${s} NOT NULL`;
  }

  hints(hs: readonly Hint[]): string {
    if (hs.length === 0) return '';
    const items = hs.map((h) => {
      if (h.options) return `${h.name}(${this.properties(h.options)})`;
      if (h.args) return `${h.name}(${h.args.map((x) => (SIMPLE_NAME.test(x) ? x : quoteString(x))).join(', ')})`;
      return h.name;
    });
    return ` /*+ ${items.join(', ')} */`;
  }

  properties(ps: readonly Property[]): string {
    return ps.map((p) => `${quoteString(p.key)} = ${quoteString(p.value)}`).join(', ');
  }
}
