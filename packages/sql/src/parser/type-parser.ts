import type { IntervalQualifier, RowFieldNode, TimeUnit, TypeNode } from './ast.js';
import { ParserBase } from './parser-base.js';
import type { Pos } from './span.js';

const INTERVAL_UNITS: Record<string, TimeUnit> = {
  YEAR: 'YEAR',
  YEARS: 'YEAR',
  MONTH: 'MONTH',
  MONTHS: 'MONTH',
  DAY: 'DAY',
  DAYS: 'DAY',
  HOUR: 'HOUR',
  HOURS: 'HOUR',
  MINUTE: 'MINUTE',
  MINUTES: 'MINUTE',
  SECOND: 'SECOND',
  SECONDS: 'SECOND',
};

const SIMPLE_TYPES: Record<string, string> = {
  STRING: 'STRING',
  BOOLEAN: 'BOOLEAN',
  BYTES: 'BYTES',
  TINYINT: 'TINYINT',
  SMALLINT: 'SMALLINT',
  INT: 'INT',
  INTEGER: 'INT',
  BIGINT: 'BIGINT',
  REAL: 'FLOAT',
  FLOAT: 'FLOAT',
  DATE: 'DATE',
  NULL: 'NULL',
};

/** Data types of Flink's DDL and CAST (a neutral node; semantics belong to the type system). */
export abstract class TypeParser extends ParserBase {
  parseType(): TypeNode {
    this.enter();
    const start = this.tok.start;
    let t = this.typeBase();
    t.nullable = this.nullability(t.nullable);
    t.span = this.spanFrom(start);
    // postfix collection syntax: INT ARRAY, STRING MULTISET NOT NULL
    for (;;) {
      let name: string | undefined;
      if (this.acceptKw('ARRAY')) name = 'ARRAY';
      else if (this.acceptKw('MULTISET')) name = 'MULTISET';
      else break;
      t = { kind: 'type', name, params: [], elements: [t], nullable: true, span: this.spanFrom(start) };
      t.nullable = this.nullability(true);
      t.span = this.spanFrom(start);
    }
    this.leave();
    return t;
  }

  private nullability(current: boolean): boolean {
    if (this.isKw('NOT') && this.isKwAt(1, 'NULL')) {
      this.p += 2;
      return false;
    }
    if (this.isKw('NULL')) {
      this.p++;
      return true;
    }
    return current;
  }

  private node(name: string, start: Pos, params: (number | string)[] = []): TypeNode {
    return { kind: 'type', name, params, nullable: true, span: this.spanFrom(start) };
  }

  private optParams(max: number): number[] {
    const out: number[] = [];
    if (!this.acceptOp('(')) return out;
    out.push(this.integerLiteral());
    while (out.length < max && this.acceptOp(',')) out.push(this.integerLiteral());
    this.expectOp(')');
    return out;
  }

  private typeBase(): TypeNode {
    const start = this.tok.start;
    const t = this.tok;
    if (t.kind === 'quoted') return { ...this.node('', start), ...this.userDefined(start) };
    if (t.kind !== 'word') {
      this.expect('<data type>');
      this.fail();
    }
    const u = t.upper;
    const simple = SIMPLE_TYPES[u];
    if (simple) {
      this.p++;
      return this.node(simple, start);
    }
    switch (u) {
      case 'CHAR':
      case 'CHARACTER': {
        this.p++;
        if (this.acceptKw('VARYING')) return this.node('VARCHAR', start, this.optParams(1));
        return this.node('CHAR', start, this.optParams(1));
      }
      case 'VARCHAR':
        this.p++;
        return this.node('VARCHAR', start, this.optParams(1));
      case 'BINARY':
        this.p++;
        if (this.acceptKw('VARYING')) return this.node('VARBINARY', start, this.optParams(1));
        return this.node('BINARY', start, this.optParams(1));
      case 'VARBINARY':
        this.p++;
        return this.node('VARBINARY', start, this.optParams(1));
      case 'DECIMAL':
      case 'DEC':
      case 'NUMERIC':
        this.p++;
        return this.node('DECIMAL', start, this.optParams(2));
      case 'DOUBLE':
        this.p++;
        this.acceptKw('PRECISION');
        return this.node('DOUBLE', start);
      case 'TIME': {
        this.p++;
        const params = this.optParams(1);
        this.acceptKws('WITHOUT', 'TIME', 'ZONE');
        return this.node('TIME', start, params);
      }
      case 'TIMESTAMP': {
        this.p++;
        const params = this.optParams(1);
        if (this.acceptKws('WITH', 'LOCAL', 'TIME', 'ZONE')) return this.node('TIMESTAMP_LTZ', start, params);
        this.acceptKws('WITHOUT', 'TIME', 'ZONE');
        return this.node('TIMESTAMP', start, params);
      }
      case 'TIMESTAMP_LTZ':
        this.p++;
        return this.node('TIMESTAMP_LTZ', start, this.optParams(1));
      case 'INTERVAL': {
        this.p++;
        const interval = this.intervalQualifier();
        return { ...this.node('INTERVAL', start), interval };
      }
      case 'ARRAY':
      case 'MULTISET': {
        this.p++;
        this.expectOp('<');
        const el = this.parseType();
        this.closeAngle();
        return { ...this.node(u, start), elements: [el] };
      }
      case 'MAP': {
        this.p++;
        this.expectOp('<');
        const k = this.parseType();
        this.expectOp(',');
        const v = this.parseType();
        this.closeAngle();
        return { ...this.node('MAP', start), elements: [k, v] };
      }
      case 'ROW':
        this.p++;
        return { ...this.node('ROW', start), fields: this.rowFields(), span: this.spanFrom(start) };
      case 'RAW': {
        this.p++;
        this.expectOp('(');
        const params: string[] = [this.stringLiteral()];
        if (this.acceptOp(',')) params.push(this.stringLiteral());
        this.expectOp(')');
        return this.node('RAW', start, params);
      }
      default:
        if (this.isIdent()) return { ...this.node('', start), ...this.userDefined(start) };
        this.expect('<data type>');
        this.fail();
    }
  }

  private userDefined(start: Pos): Partial<TypeNode> {
    const name = this.qualifiedName().join('.');
    return { name, userDefined: true, span: this.spanFrom(start) };
  }

  /** `>` closing a type argument list; `>>` is lexed as two `>` so no splitting is needed. */
  private closeAngle(): void {
    this.expectOp('>');
  }

  private rowFields(): RowFieldNode[] {
    const angle = this.isOp('<');
    if (!angle && !this.isOp('(')) this.fail();
    this.p++;
    const close = angle ? '>' : ')';
    const fields: RowFieldNode[] = [];
    if (this.acceptOp(close)) return fields;
    do {
      const start = this.tok.start;
      const name = this.identifier();
      const type = this.parseType();
      const f: RowFieldNode = { name, type, span: this.spanFrom(start) };
      if (this.tok.kind === 'string') {
        f.comment = this.stringLiteral();
        f.span = this.spanFrom(start);
      }
      fields.push(f);
    } while (this.acceptOp(','));
    this.expectOp(close);
    return fields;
  }

  /** `YEAR`, `DAY(2) TO SECOND(3)`, `SECOND(2, 6)`; plural unit names are accepted. */
  protected intervalQualifier(): IntervalQualifier {
    const startUnit = this.intervalUnit();
    const q: IntervalQualifier = { start: startUnit };
    if (this.acceptOp('(')) {
      q.startPrecision = this.integerLiteral();
      if (startUnit === 'SECOND' && this.acceptOp(',')) q.fractionalPrecision = this.integerLiteral();
      this.expectOp(')');
    }
    if (this.acceptKw('TO')) {
      q.end = this.intervalUnit();
      if (q.end === 'SECOND' && this.acceptOp('(')) {
        q.fractionalPrecision = this.integerLiteral();
        this.expectOp(')');
      }
    }
    return q;
  }

  private intervalUnit(): TimeUnit {
    const t = this.tok;
    const u = t.kind === 'word' ? INTERVAL_UNITS[t.upper] : undefined;
    if (!u) {
      for (const k of ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND']) this.expect(`"${k}"`);
      this.fail();
    }
    this.p++;
    return u;
  }
}
