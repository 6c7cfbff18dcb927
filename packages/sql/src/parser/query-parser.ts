import type {
  CallExpr,
  Cte,
  Expr,
  FromItem,
  GroupingElement,
  Hint,
  Join,
  NamedWindow,
  Property,
  Query,
  Select,
  SelectItem,
} from './ast.js';
import { ExprParser } from './expr-parser.js';
import type { Pos } from './span.js';

/** Queries: WITH, set operations, SELECT, VALUES, FROM items (joins, TVFs, UNNEST, hints), ORDER BY, LIMIT. */
export abstract class QueryParser extends ExprParser {
  parseQuery(): Query {
    this.enter();
    const start = this.tok.start;
    const ctes: Cte[] = [];
    if (this.acceptKw('WITH')) {
      this.acceptKw('RECURSIVE');
      do ctes.push(this.cte());
      while (this.acceptOp(','));
    }
    const body = this.setExpr();
    let orderBy = [] as ReturnType<ExprParser['orderItems']>;
    let limit: Expr | undefined;
    let offset: Expr | undefined;
    if (this.acceptKws('ORDER', 'BY')) orderBy = this.orderItems();
    for (;;) {
      if (!limit && this.acceptKw('LIMIT')) {
        limit = this.parseExpr();
        if (!offset && this.acceptOp(',')) {
          // LIMIT offset, count
          offset = limit;
          limit = this.parseExpr();
        }
      } else if (!offset && this.acceptKw('OFFSET')) {
        offset = this.parseExpr();
        if (!this.acceptKw('ROWS')) this.acceptKw('ROW');
      } else if (!limit && this.acceptKw('FETCH')) {
        if (!this.acceptKw('FIRST')) this.expectKw('NEXT');
        limit = this.parseExpr();
        if (!this.acceptKw('ROWS')) this.expectKw('ROW');
        this.expectKw('ONLY');
      } else {
        break;
      }
    }
    this.leave();
    if (ctes.length === 0 && orderBy.length === 0 && !limit && !offset) return body;
    const q: Query = { kind: 'query', with: ctes, body, orderBy, span: this.spanFrom(start) };
    if (limit) q.limit = limit;
    if (offset) q.offset = offset;
    return q;
  }

  private cte(): Cte {
    const start = this.tok.start;
    const name = this.identifier();
    const c: Cte = { kind: 'cte', name, query: undefined as never, span: this.spanFrom(start) };
    if (this.isOp('(')) c.columns = this.identList();
    this.expectKw('AS');
    this.expectOp('(');
    c.query = this.parseQuery();
    this.expectOp(')');
    c.span = this.spanFrom(start);
    return c;
  }

  private setExpr(): Query {
    const start = this.tok.start;
    let left = this.intersectExpr();
    for (;;) {
      let op: 'UNION' | 'EXCEPT';
      if (this.acceptKw('UNION')) op = 'UNION';
      else if (this.acceptKw('EXCEPT') || this.acceptKw('MINUS')) op = 'EXCEPT';
      else break;
      const all = this.setQuantifier();
      const right = this.intersectExpr();
      left = { kind: 'set-op', op, all, left, right, span: this.spanFrom(start) };
    }
    return left;
  }

  private setQuantifier(): boolean {
    if (this.acceptKw('ALL')) return true;
    this.acceptKw('DISTINCT');
    return false;
  }

  private intersectExpr(): Query {
    const start = this.tok.start;
    let left = this.queryPrimary();
    while (this.acceptKw('INTERSECT')) {
      const all = this.setQuantifier();
      const right = this.queryPrimary();
      left = { kind: 'set-op', op: 'INTERSECT', all, left, right, span: this.spanFrom(start) };
    }
    return left;
  }

  private queryPrimary(): Query {
    if (this.isKw('SELECT')) return this.select();
    if (this.isKw('VALUES')) {
      const start = this.tok.start;
      this.p++;
      const rows = this.exprList();
      return { kind: 'values', rows, span: this.spanFrom(start) };
    }
    if (this.acceptOp('(')) {
      const q = this.parseQuery();
      this.expectOp(')');
      return q;
    }
    this.expect('"WITH"');
    this.fail();
  }

  private select(): Select {
    const start = this.tok.start;
    this.p++;
    const s: Select = { kind: 'select', hints: this.hints(), items: [], windows: [], span: this.spanFrom(start) };
    if (this.acceptKw('DISTINCT')) s.quantifier = 'DISTINCT';
    else if (this.acceptKw('ALL')) s.quantifier = 'ALL';
    do s.items.push(this.selectItem());
    while (this.acceptOp(','));
    if (this.acceptKw('FROM')) s.from = this.fromClause();
    if (this.acceptKw('WHERE')) s.where = this.parseExpr();
    if (this.acceptKws('GROUP', 'BY')) {
      s.groupBy = [];
      do s.groupBy.push(this.groupingElement());
      while (this.acceptOp(','));
    }
    if (this.acceptKw('HAVING')) s.having = this.parseExpr();
    if (this.acceptKw('WINDOW')) {
      do s.windows.push(this.namedWindow());
      while (this.acceptOp(','));
    }
    s.span = this.spanFrom(start);
    return s;
  }

  private namedWindow(): NamedWindow {
    const start = this.tok.start;
    const name = this.identifier();
    this.expectKw('AS');
    const spec = this.windowSpec();
    return { kind: 'named-window', name, spec, span: this.spanFrom(start) };
  }

  private selectItem(): SelectItem {
    const start = this.tok.start;
    const expr = this.parseExpr();
    const item: SelectItem = { kind: 'select-item', expr, span: this.spanFrom(start) };
    const alias = this.alias();
    if (alias !== undefined) {
      item.alias = alias;
      item.span = this.spanFrom(start);
    }
    return item;
  }

  /** `[AS] name`; without AS only a non-reserved word or quoted name is an alias. */
  private alias(): string | undefined {
    if (this.acceptKw('AS')) return this.identifier();
    if (this.isIdent()) return this.advance().text;
    return undefined;
  }

  private groupingElement(): GroupingElement {
    const start = this.tok.start;
    if (this.isKw('GROUPING') && this.isKwAt(1, 'SETS')) {
      this.p += 2;
      this.expectOp('(');
      const sets: GroupingElement[] = [];
      do sets.push(this.groupingElement());
      while (this.acceptOp(','));
      this.expectOp(')');
      return { kind: 'grouping-sets', sets, span: this.spanFrom(start) };
    }
    if ((this.isKw('ROLLUP') || this.isKw('CUBE')) && this.isOpAt(1, '(')) {
      const kind = this.tok.upper === 'ROLLUP' ? 'rollup' : 'cube';
      this.p += 2;
      const exprs = this.exprList();
      this.expectOp(')');
      return { kind, exprs, span: this.spanFrom(start) };
    }
    if (this.isOp('(') && this.isOpAt(1, ')')) {
      this.p += 2;
      return { kind: 'empty-group', span: this.spanFrom(start) };
    }
    return this.parseExpr();
  }

  // -------------------------------------------------------------------------------------------------------------
  // FROM

  protected fromClause(): FromItem {
    const start = this.tok.start;
    let left = this.joinChain();
    while (this.acceptOp(',')) {
      const right = this.joinChain();
      left = { kind: 'join', joinType: 'COMMA', natural: false, left, right, span: this.spanFrom(start) };
    }
    return left;
  }

  private joinChain(): FromItem {
    const start = this.tok.start;
    let left = this.tablePrimary();
    for (;;) {
      const natural = this.acceptKw('NATURAL');
      let joinType: Join['joinType'];
      if (this.acceptKw('JOIN')) joinType = 'INNER';
      else if (this.acceptKw('INNER')) joinType = 'INNER';
      else if (this.acceptKw('LEFT')) joinType = 'LEFT';
      else if (this.acceptKw('RIGHT')) joinType = 'RIGHT';
      else if (this.acceptKw('FULL')) joinType = 'FULL';
      else if (!natural && this.acceptKw('CROSS')) joinType = 'CROSS';
      else {
        if (natural) this.fail();
        break;
      }
      const prev = this.toks[this.p - 1]!;
      if (prev.upper !== 'JOIN') {
        if (joinType === 'LEFT' || joinType === 'RIGHT' || joinType === 'FULL') this.acceptKw('OUTER');
        this.expectKw('JOIN');
      }
      const right = this.tablePrimary();
      const j: Join = { kind: 'join', joinType, natural, left, right, span: this.spanFrom(start) };
      if (joinType !== 'CROSS' && !natural) {
        if (this.acceptKw('ON')) j.on = this.parseExpr();
        else if (this.acceptKw('USING')) j.using = this.identList();
        else this.fail();
      }
      j.span = this.spanFrom(start);
      left = j;
    }
    return left;
  }

  private tablePrimary(): FromItem {
    this.enter();
    const start = this.tok.start;
    const item = this.tablePrimaryInner(start);
    if (this.isKw('MATCH_RECOGNIZE')) this.failAt(this.tok, 'MATCH_RECOGNIZE is not supported yet');
    this.leave();
    return item;
  }

  private tablePrimaryInner(start: Pos): FromItem {
    if (this.isKw('LATERAL')) {
      this.p++;
      if (this.isKw('TABLE')) return this.aliased(this.tableFunction(start, true), start);
      this.expectOp('(');
      const query = this.parseQuery();
      this.expectOp(')');
      return this.aliased({ kind: 'derived-table', query, lateral: true, span: this.spanFrom(start) }, start);
    }
    if (this.isKw('TABLE')) return this.aliased(this.tableFunction(start, false), start);
    if (this.isKw('UNNEST')) {
      this.p++;
      this.expectOp('(');
      const args = this.exprList();
      this.expectOp(')');
      const withOrdinality = this.acceptKws('WITH', 'ORDINALITY');
      return this.aliased({ kind: 'unnest', args, withOrdinality, span: this.spanFrom(start) }, start);
    }
    if (this.isOp('(')) {
      let k = 1;
      while (this.isOpAt(k, '(')) k++;
      if (this.isQueryStart(k)) {
        this.p++;
        const query = this.parseQuery();
        this.expectOp(')');
        return this.aliased({ kind: 'derived-table', query, lateral: false, span: this.spanFrom(start) }, start);
      }
      this.p++;
      const inner = this.fromClause();
      this.expectOp(')');
      return inner;
    }
    if (!this.isIdent()) {
      for (const kw of ['LATERAL', 'TABLE', 'UNNEST']) this.expect(`"${kw}"`);
      this.expect('"("');
      this.fail();
    }
    const name = this.qualifiedName();
    if (this.isOp('(')) {
      // table function without TABLE(...)
      const call = this.callRest(name, start);
      return this.aliased({ kind: 'table-function', call, lateral: false, span: this.spanFrom(start) }, start);
    }
    const ref: FromItem = { kind: 'table-ref', name, hints: this.hints(), span: this.spanFrom(start) };
    if (this.acceptKw('FOR')) {
      this.expectKw('SYSTEM_TIME');
      this.expectKw('AS');
      this.expectKw('OF');
      ref.systemTime = this.parseExpr();
    }
    ref.span = this.spanFrom(start);
    return this.aliased(ref, start);
  }

  private tableFunction(start: Pos, lateral: boolean): FromItem {
    this.expectKw('TABLE');
    this.expectOp('(');
    const callTok = this.tok;
    const call = this.parseExpr();
    if (call.kind !== 'call') this.failAt(callTok, 'TABLE(...) in FROM expects a table function call');
    this.expectOp(')');
    return { kind: 'table-function', call: call as CallExpr, lateral, span: this.spanFrom(start) };
  }

  private aliased<T extends FromItem & { alias?: string; columnAliases?: string[] }>(item: T, start: Pos): T {
    if (item.kind === 'join') return item;
    const alias = this.alias();
    if (alias === undefined) return item;
    item.alias = alias;
    if (this.isOp('(')) item.columnAliases = this.identList();
    item.span = this.spanFrom(start);
    return item;
  }

  /** Zero or more `/*+ NAME(...) *\/` comments. */
  protected hints(): Hint[] {
    const out: Hint[] = [];
    while (this.tok.kind === 'hint-start') {
      this.p++;
      do out.push(this.hint());
      while (this.acceptOp(','));
      if (!this.at('hint-end')) {
        this.expect('"*/"');
        this.fail();
      }
      this.p++;
    }
    return out;
  }

  private hint(): Hint {
    const start = this.tok.start;
    const nameTok = this.tok;
    if (nameTok.kind !== 'word' && nameTok.kind !== 'quoted') {
      this.expect('<hint name>');
      this.fail();
    }
    this.p++;
    const h: Hint = {
      kind: 'hint',
      name: nameTok.kind === 'word' ? nameTok.upper : nameTok.text,
      span: this.spanFrom(start),
    };
    if (this.acceptOp('(')) {
      const kv = this.isOpAt(1, '=');
      if (kv) {
        h.options = [];
        do h.options.push(this.property(true));
        while (this.acceptOp(','));
      } else if (!this.isOp(')')) {
        h.args = [];
        do h.args.push(this.hintArg());
        while (this.acceptOp(','));
      }
      this.expectOp(')');
    }
    h.span = this.spanFrom(start);
    return h;
  }

  private hintArg(): string {
    const t = this.tok;
    if (t.kind === 'string') return this.stringLiteral();
    if (t.kind === 'word' || t.kind === 'quoted') return this.qualifiedNameAny();
    if (t.kind === 'integer' || t.kind === 'decimal') return this.advance().text;
    this.expect('<identifier>');
    this.expect('<string literal>');
    this.fail();
  }

  private qualifiedNameAny(): string {
    const parts = [this.advance().text];
    while (this.isOp('.') && (this.peek(1).kind === 'word' || this.peek(1).kind === 'quoted')) {
      this.p++;
      parts.push(this.advance().text);
    }
    return parts.join('.');
  }

  /** `'key' = 'value'`; with `nameKeys` the key may also be a (dotted) name, as in hints. */
  protected property(nameKeys = false): Property {
    const start = this.tok.start;
    const key = nameKeys && this.tok.kind !== 'string' ? this.hintArg() : this.stringLiteral();
    this.expectOp('=');
    const value = this.stringLiteral();
    return { kind: 'property', key, value, span: this.spanFrom(start) };
  }

  protected properties(): Property[] {
    this.expectOp('(');
    const out: Property[] = [];
    if (this.acceptOp(')')) return out;
    do out.push(this.property());
    while (this.acceptOp(','));
    this.expectOp(')');
    return out;
  }
}
