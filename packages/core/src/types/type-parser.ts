/**
 * Parser for Flink type strings (`LogicalTypeParser`): everything `toString()` and `asSerializableString()` print
 * plus the SQL spellings DDL uses (`INTEGER`, `DEC(5, 2)`, `CHARACTER VARYING(3)`, `INT ARRAY`, `ROW(a INT)`,
 * `TIMESTAMP(3) WITH LOCAL TIME ZONE`, `INTERVAL DAY TO SECOND(3)`).
 */
import { TypeParseError } from './errors.js';
import {
  type DayTimeResolution,
  DEFAULT_INTERVAL_DAY_PRECISION,
  DEFAULT_INTERVAL_FRACTIONAL_PRECISION,
  DEFAULT_INTERVAL_YEAR_PRECISION,
  type LogicalType,
  type RowField,
  type TimeKind,
  Types,
} from './logical-type.js';

interface Token {
  kind: 'word' | 'num' | 'sym' | 'ident' | 'str' | 'eof';
  text: string;
  pos: number;
}

function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[A-Za-z_]/.test(c)) {
      while (i < input.length && /[A-Za-z0-9_$]/.test(input[i]!)) i++;
      out.push({ kind: 'word', text: input.slice(start, i), pos: start });
    } else if (/[0-9]/.test(c)) {
      while (i < input.length && /[0-9]/.test(input[i]!)) i++;
      out.push({ kind: 'num', text: input.slice(start, i), pos: start });
    } else if (c === '`' || c === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= input.length)
          throw new TypeParseError(input, start, `unterminated ${c === '`' ? 'identifier' : 'string'}`);
        if (input[i] === c) {
          if (input[i + 1] === c) {
            text += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += input[i++];
      }
      out.push({ kind: c === '`' ? 'ident' : 'str', text, pos: start });
    } else if ('<>(),*'.includes(c)) {
      out.push({ kind: 'sym', text: c, pos: start });
      i++;
    } else {
      throw new TypeParseError(input, start, `unexpected character '${c}'`);
    }
  }
  out.push({ kind: 'eof', text: '', pos: input.length });
  return out;
}

class Parser {
  private i = 0;
  constructor(
    private readonly input: string,
    private readonly toks: Token[],
  ) {}

  private peek(offset = 0): Token {
    return this.toks[Math.min(this.i + offset, this.toks.length - 1)]!;
  }
  private fail(msg: string, tok = this.peek()): never {
    throw new TypeParseError(this.input, tok.pos, msg);
  }
  private isWord(w: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'word' && t.text.toUpperCase() === w;
  }
  private acceptWord(w: string): boolean {
    if (this.isWord(w)) {
      this.i++;
      return true;
    }
    return false;
  }
  private expectWord(w: string): void {
    if (!this.acceptWord(w)) this.fail(`expected '${w}' but found '${this.peek().text || 'end of input'}'`);
  }
  private acceptSym(s: string): boolean {
    const t = this.peek();
    if (t.kind === 'sym' && t.text === s) {
      this.i++;
      return true;
    }
    return false;
  }
  private expectSym(s: string): void {
    if (!this.acceptSym(s)) this.fail(`expected '${s}' but found '${this.peek().text || 'end of input'}'`);
  }
  private num(): number {
    const t = this.peek();
    if (t.kind !== 'num') this.fail(`expected a number but found '${t.text || 'end of input'}'`);
    this.i++;
    return Number(t.text);
  }
  private optLength(): number | undefined {
    if (!this.acceptSym('(')) return undefined;
    const n = this.num();
    this.expectSym(')');
    return n;
  }

  parseTop(): LogicalType {
    const t = this.parseType();
    if (this.peek().kind !== 'eof') this.fail(`unexpected '${this.peek().text}' after type`);
    return t;
  }

  parseType(): LogicalType {
    let t = this.parseBase();
    // postfix collection syntax and nullability, in any order as Flink allows `INT NOT NULL ARRAY`
    for (;;) {
      if (this.acceptWord('ARRAY')) t = Types.array(t);
      else if (this.acceptWord('MULTISET')) t = Types.multiset(t);
      else if (this.isWord('NOT') && this.isWord('NULL', 1)) {
        this.i += 2;
        t = t.copy(false);
      } else if (this.acceptWord('NULL')) t = t.copy(true);
      else break;
    }
    if (this.acceptSym('*')) {
      const k = this.peek();
      const kind = k.text.toUpperCase();
      if (kind !== 'ROWTIME' && kind !== 'PROCTIME') this.fail('expected ROWTIME or PROCTIME');
      this.i++;
      this.expectSym('*');
      t = t.withTimeKind(kind as TimeKind);
    }
    return t;
  }

  private parseBase(): LogicalType {
    const tok = this.peek();
    if (tok.kind !== 'word') this.fail(`expected a type but found '${tok.text || 'end of input'}'`);
    const w = tok.text.toUpperCase();
    this.i++;
    const wrap = (f: () => LogicalType): LogicalType => {
      try {
        return f();
      } catch (e) {
        if (e instanceof RangeError) this.fail(e.message, tok);
        throw e;
      }
    };
    switch (w) {
      case 'CHAR':
      case 'CHARACTER': {
        if (this.acceptWord('VARYING')) return wrap(() => Types.varchar(this.optLength() ?? 1));
        return wrap(() => Types.char(this.optLength() ?? 1));
      }
      case 'VARCHAR':
        return wrap(() => Types.varchar(this.optLength() ?? 1));
      case 'STRING':
        return Types.string();
      case 'BOOLEAN':
      case 'BOOL':
        return Types.boolean();
      case 'BINARY': {
        if (this.acceptWord('VARYING')) return wrap(() => Types.varbinary(this.optLength() ?? 1));
        return wrap(() => Types.binary(this.optLength() ?? 1));
      }
      case 'VARBINARY':
        return wrap(() => Types.varbinary(this.optLength() ?? 1));
      case 'BYTES':
        return Types.bytes();
      case 'DECIMAL':
      case 'DEC':
      case 'NUMERIC': {
        let p = 10;
        let s = 0;
        if (this.acceptSym('(')) {
          p = this.num();
          if (this.acceptSym(',')) s = this.num();
          this.expectSym(')');
        }
        return wrap(() => Types.decimal(p, s));
      }
      case 'TINYINT':
        return Types.tinyint();
      case 'SMALLINT':
        return Types.smallint();
      case 'INT':
      case 'INTEGER':
        return Types.int();
      case 'BIGINT':
        return Types.bigint();
      case 'FLOAT':
      case 'REAL':
        return Types.float();
      case 'DOUBLE':
        this.acceptWord('PRECISION');
        return Types.double();
      case 'DATE':
        return Types.date();
      case 'TIME': {
        const p = this.optLength() ?? 0;
        if (this.acceptWord('WITHOUT')) {
          this.expectWord('TIME');
          this.expectWord('ZONE');
        }
        return wrap(() => Types.time(p));
      }
      case 'TIMESTAMP': {
        const p = this.optLength() ?? 6;
        if (this.acceptWord('WITHOUT')) {
          this.expectWord('TIME');
          this.expectWord('ZONE');
        } else if (this.acceptWord('WITH')) {
          if (this.acceptWord('LOCAL')) {
            this.expectWord('TIME');
            this.expectWord('ZONE');
            return wrap(() => Types.timestampLtz(p));
          }
          this.fail(
            'TIMESTAMP WITH TIME ZONE is not supported; use TIMESTAMP_LTZ or TIMESTAMP WITH LOCAL TIME ZONE',
            tok,
          );
        }
        return wrap(() => Types.timestamp(p));
      }
      case 'TIMESTAMP_LTZ':
        return wrap(() => Types.timestampLtz(this.optLength() ?? 6));
      case 'INTERVAL':
        return this.parseInterval();
      case 'ARRAY': {
        this.expectSym('<');
        const e = this.parseType();
        this.expectSym('>');
        return Types.array(e);
      }
      case 'MULTISET': {
        this.expectSym('<');
        const e = this.parseType();
        this.expectSym('>');
        return Types.multiset(e);
      }
      case 'MAP': {
        this.expectSym('<');
        const k = this.parseType();
        this.expectSym(',');
        const v = this.parseType();
        this.expectSym('>');
        return Types.map(k, v);
      }
      case 'ROW':
        return this.parseRow();
      case 'NULL':
        return Types.null();
      default:
        this.fail(`unknown type '${tok.text}'`, tok);
    }
  }

  private parseRow(): LogicalType {
    const close = this.acceptSym('<') ? '>' : this.acceptSym('(') ? ')' : this.fail("expected '<' or '(' after ROW");
    const fields: RowField[] = [];
    if (!this.acceptSym(close)) {
      do {
        const n = this.peek();
        if (n.kind !== 'word' && n.kind !== 'ident') this.fail('expected a field name');
        this.i++;
        const type = this.parseType();
        let description: string | undefined;
        if (this.peek().kind === 'str') description = this.toks[this.i++]!.text;
        fields.push(description === undefined ? { name: n.text, type } : { name: n.text, type, description });
      } while (this.acceptSym(','));
      this.expectSym(close);
    }
    try {
      return Types.row(fields);
    } catch (e) {
      this.fail((e as Error).message);
    }
  }

  private parseInterval(): LogicalType {
    const unitTok = this.peek();
    const unit = unitTok.text.toUpperCase();
    this.i++;
    const p = this.optLength();
    if (unit === 'YEAR') {
      if (this.acceptWord('TO')) {
        this.expectWord('MONTH');
        return Types.intervalYearMonth('YEAR_TO_MONTH', p ?? DEFAULT_INTERVAL_YEAR_PRECISION);
      }
      return Types.intervalYearMonth('YEAR', p ?? DEFAULT_INTERVAL_YEAR_PRECISION);
    }
    if (unit === 'MONTH') return Types.intervalYearMonth('MONTH');
    if (!['DAY', 'HOUR', 'MINUTE', 'SECOND'].includes(unit)) this.fail('expected an interval unit', unitTok);
    let end: string | undefined;
    let frac: number | undefined;
    if (unit === 'SECOND') frac = p;
    if (this.acceptWord('TO')) {
      end = this.peek().text.toUpperCase();
      this.i++;
      if (end === 'SECOND') frac = this.optLength();
    }
    const resolution = (end === undefined ? unit : `${unit}_TO_${end}`) as DayTimeResolution;
    const valid = [
      'DAY',
      'DAY_TO_HOUR',
      'DAY_TO_MINUTE',
      'DAY_TO_SECOND',
      'HOUR',
      'HOUR_TO_MINUTE',
      'HOUR_TO_SECOND',
      'MINUTE',
      'MINUTE_TO_SECOND',
      'SECOND',
    ];
    if (!valid.includes(resolution)) this.fail(`invalid interval qualifier ${unit} TO ${end}`, unitTok);
    return Types.intervalDayTime(
      resolution,
      unit === 'DAY' ? (p ?? DEFAULT_INTERVAL_DAY_PRECISION) : DEFAULT_INTERVAL_DAY_PRECISION,
      frac ?? DEFAULT_INTERVAL_FRACTIONAL_PRECISION,
    );
  }
}

/** Parses a Flink type string; throws TypeParseError naming the position. */
export function parseType(input: string): LogicalType {
  return new Parser(input, tokenize(input)).parseTop();
}
