import type { CallExpr, Expr, FrameBound, OrderItem, Query, SymbolExpr, WindowFrame, WindowSpec } from './ast.js';
import { BP } from './precedence.js';
import type { Pos } from './span.js';
import { TypeParser } from './type-parser.js';

/** Units accepted as symbols by EXTRACT, CEIL/FLOOR TO, TIMESTAMPADD/TIMESTAMPDIFF. */
export const TIME_SYMBOLS: ReadonlySet<string> = new Set([
  'YEAR',
  'QUARTER',
  'MONTH',
  'WEEK',
  'DAY',
  'HOUR',
  'MINUTE',
  'SECOND',
  'MILLISECOND',
  'MICROSECOND',
  'NANOSECOND',
  'DOW',
  'DOY',
  'ISODOW',
  'ISOYEAR',
  'EPOCH',
  'DECADE',
  'CENTURY',
  'MILLENNIUM',
]);
/**
 * Clauses and keyword-syntax functions used inside expressions: OVER/window specs, ORDER BY items, and EXTRACT, POSITION,
 * TRIM, SUBSTRING, OVERLAY, CEIL/FLOOR TO, TIMESTAMPADD/TIMESTAMPDIFF. The Pratt core lives in ExprParser.
 */
export abstract class SpecialFormsParser extends TypeParser {
  abstract parseExpr(minBp?: number): Expr;
  abstract parseQuery(): Query;

  protected exprList(): Expr[] {
    const out = [this.parseExpr()];
    while (this.acceptOp(',')) out.push(this.parseExpr());
    return out;
  }

  protected overClause(): WindowSpec {
    const start = this.tok.start;
    if (!this.isOp('(')) {
      const ref = this.identifier();
      return { kind: 'window-spec', ref, partitionBy: [], orderBy: [], span: this.spanFrom(start) };
    }
    return this.windowSpec();
  }

  /** `( [name] [PARTITION BY ...] [ORDER BY ...] [ROWS|RANGE ...] )` */
  protected windowSpec(): WindowSpec {
    const start = this.tok.start;
    this.expectOp('(');
    const spec: WindowSpec = { kind: 'window-spec', partitionBy: [], orderBy: [], span: this.spanFrom(start) };
    if (this.isIdent() && !this.isKw('PARTITION') && !this.isKw('ORDER') && !this.isKw('ROWS') && !this.isKw('RANGE')) {
      spec.ref = this.identifier();
    }
    if (this.acceptKws('PARTITION', 'BY')) spec.partitionBy = this.exprList();
    if (this.acceptKws('ORDER', 'BY')) spec.orderBy = this.orderItems();
    if (this.isKw('ROWS') || this.isKw('RANGE')) spec.frame = this.frame();
    this.expectOp(')');
    spec.span = this.spanFrom(start);
    return spec;
  }

  private frame(): WindowFrame {
    const start = this.tok.start;
    const unit = this.advance().upper as 'ROWS' | 'RANGE';
    if (this.acceptKw('BETWEEN')) {
      const s = this.frameBound();
      this.expectKw('AND');
      const end = this.frameBound();
      return { unit, start: s, end, span: this.spanFrom(start) };
    }
    return { unit, start: this.frameBound(), span: this.spanFrom(start) };
  }

  private frameBound(): FrameBound {
    const start = this.tok.start;
    if (this.acceptKw('UNBOUNDED')) {
      if (this.acceptKw('PRECEDING')) return { type: 'UNBOUNDED PRECEDING', span: this.spanFrom(start) };
      this.expectKw('FOLLOWING');
      return { type: 'UNBOUNDED FOLLOWING', span: this.spanFrom(start) };
    }
    if (this.acceptKw('CURRENT')) {
      this.expectKw('ROW');
      return { type: 'CURRENT ROW', span: this.spanFrom(start) };
    }
    const offset = this.parseExpr();
    if (this.acceptKw('PRECEDING')) return { type: 'PRECEDING', offset, span: this.spanFrom(start) };
    this.expectKw('FOLLOWING');
    return { type: 'FOLLOWING', offset, span: this.spanFrom(start) };
  }

  protected orderItems(): OrderItem[] {
    const out: OrderItem[] = [];
    do {
      const start = this.tok.start;
      const item: OrderItem = { kind: 'order-item', expr: this.parseExpr(), span: this.spanFrom(start) };
      if (this.acceptKw('ASC')) item.direction = 'ASC';
      else if (this.acceptKw('DESC')) item.direction = 'DESC';
      if (this.acceptKw('NULLS')) {
        if (this.acceptKw('FIRST')) item.nulls = 'FIRST';
        else {
          this.expectKw('LAST');
          item.nulls = 'LAST';
        }
      }
      item.span = this.spanFrom(start);
      out.push(item);
    } while (this.acceptOp(','));
    return out;
  }

  private symbol(allowed: ReadonlySet<string>): SymbolExpr {
    const t = this.tok;
    if (t.kind !== 'word' || !allowed.has(t.upper)) {
      this.expect('<time unit>');
      this.fail();
    }
    this.p++;
    return { kind: 'symbol', value: t.upper, span: this.spanFrom(t.start) };
  }

  /** Functions with keyword syntax inside the parentheses; returns undefined for ordinary calls. */
  protected specialCall(u: string, start: Pos): CallExpr | undefined {
    const name = [u];
    const done = (args: Expr[]): CallExpr => {
      this.expectOp(')');
      return { kind: 'call', name, args, span: this.spanFrom(start) };
    };
    switch (u) {
      case 'EXTRACT': {
        this.p += 2;
        const unit = this.symbol(TIME_SYMBOLS);
        this.expectKw('FROM');
        return done([unit, this.parseExpr()]);
      }
      case 'POSITION': {
        this.p += 2;
        const needle = this.parseExpr(BP.BETWEEN);
        this.expectKw('IN');
        const args = [needle, this.parseExpr()];
        if (this.acceptKw('FROM')) args.push(this.parseExpr());
        return done(args);
      }
      case 'TRIM': {
        this.p += 2;
        const s = this.tok.start;
        let side = 'BOTH';
        if (this.tok.kind === 'word' && ['BOTH', 'LEADING', 'TRAILING'].includes(this.tok.upper)) {
          side = this.advance().upper;
        }
        const sideSym: Expr = { kind: 'symbol', value: side, span: this.spanFrom(s) };
        const space: Expr = { kind: 'string', value: ' ', span: this.spanFrom(s) };
        if (this.acceptKw('FROM')) return done([sideSym, space, this.parseExpr()]);
        const e = this.parseExpr();
        if (this.acceptKw('FROM')) return done([sideSym, e, this.parseExpr()]);
        return done([sideSym, space, e]);
      }
      case 'SUBSTRING': {
        this.p += 2;
        const args = [this.parseExpr()];
        if (this.acceptKw('FROM')) {
          args.push(this.parseExpr());
          if (this.acceptKw('FOR')) args.push(this.parseExpr());
        } else {
          while (this.acceptOp(',')) args.push(this.parseExpr());
        }
        return done(args);
      }
      case 'OVERLAY': {
        this.p += 2;
        const args = [this.parseExpr()];
        this.expectKw('PLACING');
        args.push(this.parseExpr());
        this.expectKw('FROM');
        args.push(this.parseExpr());
        if (this.acceptKw('FOR')) args.push(this.parseExpr());
        return done(args);
      }
      case 'CEIL':
      case 'CEILING':
      case 'FLOOR': {
        this.p += 2;
        const args = [this.parseExpr()];
        if (this.acceptKw('TO')) args.push(this.symbol(TIME_SYMBOLS));
        return done(args);
      }
      case 'TIMESTAMPADD':
      case 'TIMESTAMPDIFF': {
        this.p += 2;
        const args: Expr[] = [this.symbol(TIME_SYMBOLS)];
        this.expectOp(',');
        args.push(this.parseExpr());
        this.expectOp(',');
        args.push(this.parseExpr());
        return done(args);
      }
    }
    return undefined;
  }
}
