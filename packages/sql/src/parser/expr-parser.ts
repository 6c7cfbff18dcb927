import type { BinaryOp, CallExpr, Expr } from './ast.js';
import { BP } from './precedence.js';
import type { Pos } from './span.js';
import { SpecialFormsParser } from './special-forms.js';
import type { Token } from './tokens.js';

export { BP } from './precedence.js';
export { TIME_SYMBOLS } from './special-forms.js';

const COMPARISON: Record<string, '=' | '<>' | '<' | '<=' | '>' | '>='> = {
  '=': '=',
  '<>': '<>',
  '!=': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

const NILADIC = new Set(['CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'LOCALTIME', 'LOCALTIMESTAMP']);
/** Reserved words that are nevertheless function names when followed by `(`. */
const RESERVED_FUNCTIONS = new Set([
  'LEFT',
  'RIGHT',
  'CURRENT_DATE',
  'CURRENT_TIME',
  'CURRENT_TIMESTAMP',
  'LOCALTIME',
  'LOCALTIMESTAMP',
]);
/** Pratt parser for expressions; queries inside expressions are delegated to the query layer. */
export abstract class ExprParser extends SpecialFormsParser {
  /** True when the current token starts a query (used after `(`). */
  protected isQueryStart(k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && (t.upper === 'SELECT' || t.upper === 'WITH' || t.upper === 'VALUES');
  }

  override parseExpr(minBp = 0): Expr {
    this.enter();
    const start = this.tok.start;
    let left = this.prefix();
    for (;;) {
      const t = this.tok;
      if (t.kind === 'op') {
        const cmp = COMPARISON[t.text];
        if (cmp) {
          if (BP.COMPARE <= minBp) break;
          this.p++;
          const q = this.tok;
          if (
            q.kind === 'word' &&
            (q.upper === 'ANY' || q.upper === 'SOME' || q.upper === 'ALL') &&
            this.isOpAt(1, '(')
          ) {
            this.p += 2;
            const query = this.parseQuery();
            this.expectOp(')');
            left = {
              kind: 'quantified',
              op: cmp,
              quantifier: q.upper as 'ANY' | 'SOME' | 'ALL',
              operand: left,
              query,
              span: this.spanFrom(start),
            };
            continue;
          }
          const right = this.parseExpr(BP.COMPARE);
          left = { kind: 'binary-op', op: cmp, left, right, span: this.spanFrom(start) };
          continue;
        }
        let op: BinaryOp | undefined;
        let bp = 0;
        switch (t.text) {
          case '+':
          case '-':
            op = t.text;
            bp = BP.ADD;
            break;
          case '*':
          case '/':
          case '%':
          case '||':
            op = t.text;
            bp = BP.MUL;
            break;
          case '[': {
            if (BP.POSTFIX <= minBp) break;
            this.p++;
            const index = this.parseExpr();
            this.expectOp(']');
            left = { kind: 'index', operand: left, index, span: this.spanFrom(start) };
            continue;
          }
          case '.': {
            if (BP.POSTFIX <= minBp) break;
            const f = this.peek(1);
            if (f.kind !== 'word' && f.kind !== 'quoted') break;
            this.p += 2;
            left = { kind: 'field', operand: left, field: f.text, span: this.spanFrom(start) };
            continue;
          }
        }
        if (!op || bp <= minBp) break;
        this.p++;
        const right = this.parseExpr(bp);
        left = { kind: 'binary-op', op, left, right, span: this.spanFrom(start) };
        continue;
      }
      if (t.kind !== 'word') break;
      const u = t.upper;
      if (u === 'OR' || u === 'AND') {
        const bp = u === 'OR' ? BP.OR : BP.AND;
        if (bp <= minBp) break;
        this.p++;
        const right = this.parseExpr(bp);
        left = { kind: 'binary-op', op: u, left, right, span: this.spanFrom(start) };
        continue;
      }
      if (u === 'IS') {
        const not = this.isKwAt(1, 'NOT');
        const k = not ? 2 : 1;
        if (this.isKwAt(k, 'DISTINCT')) {
          if (BP.COMPARE <= minBp) break;
          this.p += k + 1;
          this.expectKw('FROM');
          const right = this.parseExpr(BP.COMPARE);
          left = { kind: 'is-distinct', left, right, not, span: this.spanFrom(start) };
          continue;
        }
        if (BP.IS <= minBp) break;
        this.p += k;
        const test = this.tok;
        if (
          test.kind !== 'word' ||
          !(test.upper === 'NULL' || test.upper === 'TRUE' || test.upper === 'FALSE' || test.upper === 'UNKNOWN')
        ) {
          for (const w of ['NULL', 'TRUE', 'FALSE', 'UNKNOWN', 'DISTINCT']) this.expect(`"${w}"`);
          if (!not) this.expect('"NOT"');
          this.fail();
        }
        this.p++;
        left = {
          kind: 'is',
          operand: left,
          not,
          test: test.upper as 'NULL' | 'TRUE' | 'FALSE' | 'UNKNOWN',
          span: this.spanFrom(start),
        };
        continue;
      }
      let not = false;
      let k = 0;
      if (u === 'NOT') {
        const n = this.peek(1);
        if (
          n.kind !== 'word' ||
          !(n.upper === 'IN' || n.upper === 'LIKE' || n.upper === 'BETWEEN' || n.upper === 'SIMILAR')
        ) {
          break;
        }
        not = true;
        k = 1;
      }
      const w = this.peek(k).upper;
      if (w === 'IN' || w === 'LIKE' || w === 'BETWEEN' || w === 'SIMILAR') {
        if (BP.BETWEEN <= minBp) break;
        this.p += k + 1;
        left = this.predicate(w, left, not, start);
        continue;
      }
      if (!not) {
        for (const kw of ['AND', 'OR', 'IS', 'IN', 'LIKE', 'BETWEEN', 'NOT']) this.expect(`"${kw}"`);
      }
      break;
    }
    this.leave();
    return left;
  }

  private predicate(w: string, left: Expr, not: boolean, start: Pos): Expr {
    if (w === 'IN') {
      this.expectOp('(');
      if (this.isQueryStart()) {
        const query = this.parseQuery();
        this.expectOp(')');
        return { kind: 'in', operand: left, not, query, span: this.spanFrom(start) };
      }
      const list = this.exprList();
      this.expectOp(')');
      return { kind: 'in', operand: left, not, list, span: this.spanFrom(start) };
    }
    if (w === 'BETWEEN') {
      let symmetric = false;
      if (this.acceptKw('SYMMETRIC')) symmetric = true;
      else this.acceptKw('ASYMMETRIC');
      const low = this.parseExpr(BP.BETWEEN);
      this.expectKw('AND');
      const high = this.parseExpr(BP.BETWEEN);
      return { kind: 'between', operand: left, low, high, not, symmetric, span: this.spanFrom(start) };
    }
    let op: 'LIKE' | 'SIMILAR TO' = 'LIKE';
    if (w === 'SIMILAR') {
      this.expectKw('TO');
      op = 'SIMILAR TO';
    }
    const pattern = this.parseExpr(BP.BETWEEN);
    const e: Expr = { kind: 'like', op, operand: left, pattern, not, span: this.spanFrom(start) };
    if (this.acceptKw('ESCAPE')) {
      e.escape = this.parseExpr(BP.BETWEEN);
      e.span = this.spanFrom(start);
    }
    return e;
  }

  private prefix(): Expr {
    const t = this.tok;
    const start = t.start;
    switch (t.kind) {
      case 'integer':
      case 'decimal':
      case 'approx':
        this.p++;
        return { kind: 'numeric', text: t.text, numType: t.kind, span: this.spanFrom(start) };
      case 'string':
        return { kind: 'string', value: this.stringLiteral(), span: this.spanFrom(start) };
      case 'ustring':
        return this.unicodeString();
      case 'binary': {
        // X'0A' 'FF' continues a binary literal (SQL standard continuation)
        let hex = this.advance().text;
        while (this.at('string') || this.at('binary')) {
          const part = this.advance();
          if (!/^[0-9a-fA-F]*$/.test(part.text) || part.text.length % 2 !== 0) {
            this.failAt(part, 'Binary literal continuation must contain an even number of hexadecimal digits');
          }
          hex += part.text;
        }
        return { kind: 'binary', hex: hex.toUpperCase(), span: this.spanFrom(start) };
      }
      case 'param':
        this.p++;
        return { kind: 'param', index: this.paramCount++, span: this.spanFrom(start) };
      case 'quoted':
        return this.nameOrCall();
      case 'op':
        return this.prefixOp(t);
      case 'word':
        return this.prefixWord(t);
      default:
        this.expect('<expression>');
        this.fail();
    }
  }

  private prefixOp(t: Token): Expr {
    const start = t.start;
    if (t.text === '(') {
      this.p++;
      if (this.isQueryStart()) {
        const query = this.parseQuery();
        this.expectOp(')');
        return { kind: 'subquery', query, span: this.spanFrom(start) };
      }
      const first = this.parseExpr();
      if (this.acceptOp(',')) {
        const args = [first, ...this.exprList()];
        this.expectOp(')');
        return { kind: 'constructor', type: 'ROW', args, implicit: true, span: this.spanFrom(start) };
      }
      this.expectOp(')');
      return first;
    }
    if (t.text === '-' || t.text === '+') {
      this.p++;
      const operand = this.parseExpr(BP.UNARY);
      return { kind: 'unary', op: t.text, operand, span: this.spanFrom(start) };
    }
    if (t.text === '*') {
      this.p++;
      return { kind: 'star', qualifier: [], span: this.spanFrom(start) };
    }
    this.expect('<expression>');
    this.fail();
  }

  private prefixWord(t: Token): Expr {
    const start = t.start;
    const u = t.upper;
    const next = this.peek(1);
    switch (u) {
      case 'NOT': {
        this.p++;
        const operand = this.parseExpr(BP.NOT);
        return { kind: 'unary', op: 'NOT', operand, span: this.spanFrom(start) };
      }
      case 'TRUE':
      case 'FALSE':
        this.p++;
        return { kind: 'boolean', value: u === 'TRUE', span: this.spanFrom(start) };
      case 'UNKNOWN':
        this.p++;
        return { kind: 'boolean', value: null, span: this.spanFrom(start) };
      case 'NULL':
        this.p++;
        return { kind: 'null', span: this.spanFrom(start) };
      case 'DATE':
      case 'TIME':
      case 'TIMESTAMP':
      case 'TIMESTAMP_LTZ':
        if (next.kind === 'string') {
          this.p++;
          const value = this.stringLiteral();
          return { kind: 'typed-literal', type: u, value, span: this.spanFrom(start) };
        }
        break;
      case 'INTERVAL':
        return this.intervalLiteral();
      case 'CAST':
      case 'TRY_CAST':
        if (next.kind === 'op' && next.text === '(') {
          this.p += 2;
          const operand = this.parseExpr();
          this.expectKw('AS');
          const type = this.parseType();
          this.expectOp(')');
          return { kind: 'cast', operand, type, try: u === 'TRY_CAST', span: this.spanFrom(start) };
        }
        break;
      case 'CASE':
        return this.caseExpr();
      case 'EXISTS': {
        this.p++;
        this.expectOp('(');
        const query = this.parseQuery();
        this.expectOp(')');
        return { kind: 'exists', query, span: this.spanFrom(start) };
      }
      case 'ARRAY':
      case 'MAP':
        if (next.kind === 'op' && next.text === '[') {
          this.p += 2;
          const args = this.isOp(']') ? [] : this.exprList();
          this.expectOp(']');
          return { kind: 'constructor', type: u, args, span: this.spanFrom(start) };
        }
        break;
      case 'ROW':
        if (next.kind === 'op' && next.text === '(') {
          this.p += 2;
          const args = this.isOp(')') ? [] : this.exprList();
          this.expectOp(')');
          return { kind: 'constructor', type: 'ROW', args, span: this.spanFrom(start) };
        }
        break;
      case 'DESCRIPTOR':
        if (next.kind === 'op' && next.text === '(') {
          this.p++;
          const columns = this.identList();
          return { kind: 'descriptor', columns, span: this.spanFrom(start) };
        }
        break;
      case 'TABLE':
        return this.tableArg();
    }
    if (next.kind === 'op' && next.text === '(') {
      const special = this.specialCall(u, start);
      if (special) return special;
      if (RESERVED_FUNCTIONS.has(u)) {
        this.p++;
        return this.callRest([t.text], start);
      }
    } else if (NILADIC.has(u)) {
      this.p++;
      return { kind: 'call', name: [u], args: [], niladic: true, span: this.spanFrom(start) };
    }
    if (this.isIdent()) return this.nameOrCall();
    this.expect('<expression>');
    this.fail();
  }

  private unicodeString(): Expr {
    const start = this.tok.start;
    const first = this.advance();
    let raw = first.text;
    while (this.tok.kind === 'string') raw += this.advance().text;
    let esc = '\\';
    if (this.acceptKw('UESCAPE')) {
      const et = this.tok;
      const e = this.stringLiteral();
      if (e.length !== 1 || /[0-9a-fA-F+'"\s]/.test(e)) this.failAt(et, `Invalid UESCAPE character '${e}'`);
      esc = e;
    }
    let out = '';
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      if (c !== esc) {
        out += c;
        continue;
      }
      if (raw[i + 1] === esc) {
        out += esc;
        i++;
        continue;
      }
      const plus = raw[i + 1] === '+';
      const len = plus ? 6 : 4;
      const hex = raw.slice(i + (plus ? 2 : 1), i + (plus ? 2 : 1) + len);
      if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) {
        this.failAt(first, `Invalid unicode escape '${esc}${plus ? '+' : ''}${hex}' in U& string literal`);
      }
      const cp = Number.parseInt(hex, 16);
      if (cp > 0x10ffff) this.failAt(first, `Invalid unicode code point ${hex} in U& string literal`);
      out += String.fromCodePoint(cp);
      i += len + (plus ? 1 : 0);
    }
    return { kind: 'string', value: out, span: this.spanFrom(start) };
  }

  private intervalLiteral(): Expr {
    const start = this.tok.start;
    this.p++;
    let negative = false;
    if (this.acceptOp('-')) negative = true;
    else this.acceptOp('+');
    if (this.tok.kind !== 'string') {
      this.expect('<string literal>');
      this.fail();
    }
    const value = this.stringLiteral();
    const qualifier = this.intervalQualifier();
    return { kind: 'interval', negative, value, qualifier, span: this.spanFrom(start) };
  }

  private caseExpr(): Expr {
    const start = this.tok.start;
    this.p++;
    let operand: Expr | undefined;
    if (!this.isKw('WHEN')) operand = this.parseExpr();
    const whens: { when: Expr; result: Expr }[] = [];
    do {
      this.expectKw('WHEN');
      const when = this.parseExpr();
      this.expectKw('THEN');
      whens.push({ when, result: this.parseExpr() });
    } while (this.isKw('WHEN'));
    const e: Expr = { kind: 'case', whens, span: this.spanFrom(start) };
    if (operand) e.operand = operand;
    if (this.acceptKw('ELSE')) e.else = this.parseExpr();
    this.expectKw('END');
    e.span = this.spanFrom(start);
    return e;
  }

  private tableArg(): Expr {
    const start = this.tok.start;
    this.p++;
    if (this.acceptOp('(')) {
      const query = this.parseQuery();
      this.expectOp(')');
      return { kind: 'table-arg', query, span: this.spanFrom(start) };
    }
    const table = this.qualifiedName();
    const e: Expr = { kind: 'table-arg', table, span: this.spanFrom(start) };
    if (this.acceptKws('PARTITION', 'BY')) {
      // inside an argument list, so one key or a parenthesised list: PARTITION BY k | PARTITION BY (k1, k2)
      if (this.acceptOp('(')) {
        e.partitionBy = this.exprList();
        this.expectOp(')');
      } else {
        e.partitionBy = [this.parseExpr()];
      }
    }
    e.span = this.spanFrom(start);
    return e;
  }

  /** Name, `t.*`, or function call `a.b.f(...)`. */
  private nameOrCall(): Expr {
    const start = this.tok.start;
    const parts = [this.advance().text];
    while (this.isOp('.')) {
      const n = this.peek(1);
      if (n.kind === 'word' || n.kind === 'quoted') {
        this.p += 2;
        parts.push(n.text);
      } else if (n.kind === 'op' && n.text === '*') {
        this.p += 2;
        return { kind: 'star', qualifier: parts, span: this.spanFrom(start) };
      } else {
        break;
      }
    }
    if (this.isOp('(')) return this.callRest(parts, start);
    return { kind: 'identifier', parts, span: this.spanFrom(start) };
  }

  /** Arguments after the function name (current token is `(`), then FILTER and OVER. */
  protected callRest(name: string[], start: Pos): CallExpr {
    this.expectOp('(');
    const call: CallExpr = { kind: 'call', name, args: [], span: this.spanFrom(start) };
    if (this.isOp('*') && this.isOpAt(1, ')')) {
      const s = this.tok.start;
      this.p++;
      call.args.push({ kind: 'star', qualifier: [], span: this.spanFrom(s) });
    } else if (!this.isOp(')')) {
      if (this.acceptKw('DISTINCT')) call.quantifier = 'DISTINCT';
      else if (this.acceptKw('ALL')) call.quantifier = 'ALL';
      do call.args.push(this.argument());
      while (this.acceptOp(','));
    }
    this.expectOp(')');
    if (this.isKw('FILTER') && this.isOpAt(1, '(')) {
      this.p += 2;
      this.expectKw('WHERE');
      call.filter = this.parseExpr();
      this.expectOp(')');
    }
    if (this.acceptKw('OVER')) call.over = this.overClause();
    call.span = this.spanFrom(start);
    return call;
  }

  private argument(): Expr {
    if (this.isIdent() && this.isOpAt(1, '=>')) {
      const start = this.tok.start;
      const name = this.advance().text;
      this.p++;
      const value = this.parseExpr();
      return { kind: 'named-arg', name, value, span: this.spanFrom(start) };
    }
    return this.parseExpr();
  }
}
