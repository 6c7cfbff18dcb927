import { SqlParseError } from './errors.js';
import type { Pos } from './span.js';
import type { Token, TokenKind } from './tokens.js';

const C_NL = 10;
const C_CR = 13;
const C_QUOTE = 39; // '
const C_BACKTICK = 96; // `
const C_0 = 48;
const C_9 = 57;
const C_DOT = 46;

function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_9;
}
function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === 36; // $
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

const TWO_CHAR_OPS = new Set(['<>', '<=', '>=', '!=', '||', '=>', '::']);
const ONE_CHAR_OPS = '()[]{},;.+-*/%=<>?:|';

/** Where lexing starts, so that a statement cut out of a script reports positions in the script. */
export interface LexStart {
  offset: number;
  line: number;
  column: number;
}

/**
 * Hand-written SQL lexer. Pulls one token at a time (the statement splitter uses that to survive lexical errors at
 * the end of a script); `tokenize` collects all of them. Comments are skipped, `/*+` hints become tokens.
 */
export class Lexer {
  private readonly src: string;
  private i = 0;
  private line: number;
  private lineStart: number; // index in src where the current line starts (can be negative for a column offset)
  private readonly base: number;
  private inHint = false;

  constructor(src: string, start?: LexStart) {
    this.src = src;
    this.base = start?.offset ?? 0;
    this.line = start?.line ?? 1;
    this.lineStart = 1 - (start?.column ?? 1);
  }

  pos(): Pos {
    return { offset: this.base + this.i, line: this.line, column: this.i - this.lineStart + 1 };
  }

  private fail(msg: string, p: Pos, token: string): never {
    throw new SqlParseError(`Lexical error at ${'line ' + p.line + ', column ' + p.column}: ${msg}`, p, token);
  }

  /** Advances over a newline at `i` if there is one (CR, LF or CRLF) and keeps line bookkeeping. */
  private newlineAt(i: number): number {
    const c = this.src.charCodeAt(i);
    if (c === C_CR) {
      const n = this.src.charCodeAt(i + 1) === C_NL ? i + 2 : i + 1;
      this.line++;
      this.lineStart = n;
      return n;
    }
    if (c === C_NL) {
      this.line++;
      this.lineStart = i + 1;
      return i + 1;
    }
    return i;
  }

  private skipTrivia(): void {
    const s = this.src;
    const n = s.length;
    while (this.i < n) {
      const c = s.charCodeAt(this.i);
      if (c === C_NL || c === C_CR) {
        this.i = this.newlineAt(this.i);
      } else if (c === 32 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff) {
        this.i++;
      } else if (c === 45 && s.charCodeAt(this.i + 1) === 45) {
        // -- line comment
        this.i += 2;
        while (this.i < n) {
          const d = s.charCodeAt(this.i);
          if (d === C_NL || d === C_CR) break;
          this.i++;
        }
      } else if (c === 47 && s.charCodeAt(this.i + 1) === 42 && !(s.charCodeAt(this.i + 2) === 43 && !this.inHint)) {
        // /* block comment */ (but not a /*+ hint)
        const start = this.pos();
        this.i += 2;
        for (;;) {
          if (this.i >= n) this.fail('unclosed comment (opened here)', start, '/*');
          const d = s.charCodeAt(this.i);
          if (d === 42 && s.charCodeAt(this.i + 1) === 47) {
            this.i += 2;
            break;
          }
          if (d === C_NL || d === C_CR) this.i = this.newlineAt(this.i);
          else this.i++;
        }
      } else {
        return;
      }
    }
  }

  private make(kind: TokenKind, text: string, upper: string, start: Pos): Token {
    return { kind, text, upper, start, end: this.pos() };
  }

  /** Reads a quoted body starting after the opening quote; a doubled quote is one quote character. */
  private quotedBody(q: number, start: Pos, what: string, token: string): string {
    const s = this.src;
    let out = '';
    let from = this.i;
    for (;;) {
      if (this.i >= s.length) this.fail(`unclosed ${what} (opened here)`, start, token);
      const c = s.charCodeAt(this.i);
      if (c === q) {
        if (s.charCodeAt(this.i + 1) === q) {
          out += s.slice(from, this.i + 1);
          this.i += 2;
          from = this.i;
          continue;
        }
        out += s.slice(from, this.i);
        this.i++;
        return out;
      }
      if (c === C_NL || c === C_CR) this.i = this.newlineAt(this.i);
      else this.i++;
    }
  }

  next(): Token {
    this.skipTrivia();
    const s = this.src;
    const start = this.pos();
    if (this.i >= s.length) {
      if (this.inHint) this.fail('unclosed hint /*+ ... */', start, '<EOF>');
      return { kind: 'eof', text: '', upper: '', start, end: start };
    }
    const c = s.charCodeAt(this.i);
    const c1 = s.charCodeAt(this.i + 1);

    if (c === C_QUOTE) {
      this.i++;
      return this.make('string', this.quotedBody(C_QUOTE, start, 'string literal', "'"), '', start);
    }
    if (c === C_BACKTICK) {
      this.i++;
      const body = this.quotedBody(C_BACKTICK, start, 'quoted identifier', '`');
      if (body.length === 0) this.fail('empty quoted identifier', start, '``');
      return this.make('quoted', body, '', start);
    }
    if ((c === 88 || c === 120) && c1 === C_QUOTE) {
      // X'hex'
      this.i += 2;
      const body = this.quotedBody(C_QUOTE, start, 'binary literal', s.slice(start.offset - this.base, this.i));
      for (let k = 0; k < body.length; k++) {
        const h = body.charCodeAt(k);
        if (!isHex(h) && h !== 32) this.fail(`invalid character '${body[k]}' in binary literal`, start, "X'");
      }
      const hex = body.replace(/ /g, '');
      if (hex.length % 2 !== 0)
        this.fail('binary literal must contain an even number of hexadecimal digits', start, "X'");
      return this.make('binary', hex, '', start);
    }
    if ((c === 85 || c === 117) && c1 === 38 && s.charCodeAt(this.i + 2) === C_QUOTE) {
      // U&'unicode'
      this.i += 3;
      return this.make('ustring', this.quotedBody(C_QUOTE, start, 'string literal', "U&'"), '', start);
    }
    if (isIdentStart(c)) {
      let j = this.i + 1;
      while (j < s.length && isIdentPart(s.charCodeAt(j))) j++;
      const text = s.slice(this.i, j);
      this.i = j;
      return this.make('word', text, text.toUpperCase(), start);
    }
    if (isDigit(c) || (c === C_DOT && isDigit(c1))) return this.number(start);

    if (c === 47 && c1 === 42 && s.charCodeAt(this.i + 2) === 43) {
      // /*+ hint start (only reached outside a hint)
      this.i += 3;
      this.inHint = true;
      return this.make('hint-start', '/*+', '', start);
    }
    if (this.inHint && c === 42 && c1 === 47) {
      this.i += 2;
      this.inHint = false;
      return this.make('hint-end', '*/', '', start);
    }
    if (c === 63) {
      this.i++;
      return this.make('param', '?', '', start);
    }
    const two = s.slice(this.i, this.i + 2);
    if (TWO_CHAR_OPS.has(two)) {
      this.i += 2;
      return this.make('op', two, '', start);
    }
    const ch = s[this.i]!;
    if (ONE_CHAR_OPS.includes(ch)) {
      this.i++;
      return this.make('op', ch, '', start);
    }
    if (c === 34) this.fail('double-quoted identifiers are not supported, use back quotes (`name`)', start, '"');
    const cp = s.codePointAt(this.i)!;
    const shown = cp < 32 || cp === 127 ? `\\u${cp.toString(16).padStart(4, '0')}` : String.fromCodePoint(cp);
    this.fail(`unexpected character '${shown}'`, start, shown);
  }

  private number(start: Pos): Token {
    const s = this.src;
    let j = this.i;
    let kind: TokenKind = 'integer';
    while (isDigit(s.charCodeAt(j))) j++;
    if (s.charCodeAt(j) === C_DOT && !(s.charCodeAt(j + 1) === C_DOT)) {
      kind = 'decimal';
      j++;
      while (isDigit(s.charCodeAt(j))) j++;
    }
    const e = s.charCodeAt(j);
    if (e === 69 || e === 101) {
      let k = j + 1;
      const sign = s.charCodeAt(k);
      if (sign === 43 || sign === 45) k++;
      if (!isDigit(s.charCodeAt(k))) {
        this.i = k;
        this.fail('missing exponent digits in numeric literal', start, s.slice(start.offset - this.base, k));
      }
      while (isDigit(s.charCodeAt(k))) k++;
      j = k;
      kind = 'approx';
    }
    const text = s.slice(this.i, j);
    this.i = j;
    return this.make(kind, text, '', start);
  }
}

/** All tokens of `src`, ending with an `eof` token. Throws SqlParseError on lexical errors. */
export function tokenize(src: string, start?: LexStart): Token[] {
  const lx = new Lexer(src, start);
  const out: Token[] = [];
  for (;;) {
    const t = lx.next();
    out.push(t);
    if (t.kind === 'eof') return out;
  }
}
