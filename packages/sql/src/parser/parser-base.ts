import { SqlParseError } from './errors.js';
import { type LexStart, tokenize } from './lexer.js';
import type { Pos, Span } from './span.js';
import { RESERVED, type Token, type TokenKind, tokenDisplay } from './tokens.js';

/** Deepest nesting of expressions/queries/types accepted; deeper input gets a SqlParseError instead of a stack overflow. */
export const MAX_NESTING = 400;

/**
 * Token cursor shared by the parser layers. Every failed keyword/operator test at the current token is remembered, so
 * an error can list what would have been accepted there ("Was expecting one of: ...") as Flink does.
 */
export abstract class ParserBase {
  protected readonly toks: Token[];
  protected p = 0;
  protected readonly src: string;
  protected readonly base: number;
  private expectedAt = -1;
  private expected = new Set<string>();
  private depth = 0;
  protected paramCount = 0;

  constructor(src: string, start?: LexStart) {
    this.src = src;
    this.base = start?.offset ?? 0;
    this.toks = tokenize(src, start);
  }

  protected get tok(): Token {
    return this.toks[this.p]!;
  }

  /** Kind test through a call, so TypeScript does not keep a narrowing of `this.tok` across `advance()`. */
  protected at(kind: TokenKind): boolean {
    return this.toks[this.p]!.kind === kind;
  }

  protected peek(k: number): Token {
    const i = this.p + k;
    return this.toks[i < this.toks.length ? i : this.toks.length - 1]!;
  }

  protected advance(): Token {
    const t = this.toks[this.p]!;
    if (t.kind !== 'eof') this.p++;
    return t;
  }

  /** End position of the last consumed token. */
  protected get prevEnd(): Pos {
    return this.p > 0 ? this.toks[this.p - 1]!.end : this.tok.start;
  }

  protected spanFrom(start: Pos): Span {
    const end = this.prevEnd;
    return { start, end: end.offset >= start.offset ? end : start };
  }

  /** Notes that `what` would have been accepted at the current token (for the error message). */
  protected expect(what: string): void {
    if (this.expectedAt !== this.p) {
      this.expectedAt = this.p;
      this.expected = new Set();
    }
    this.expected.add(what);
  }

  protected isKw(kw: string): boolean {
    const t = this.tok;
    if (t.kind === 'word' && t.upper === kw) return true;
    this.expect(`"${kw}"`);
    return false;
  }

  /** Keyword test at a lookahead distance; does not count as an expectation. */
  protected isKwAt(k: number, kw: string): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && t.upper === kw;
  }

  protected acceptKw(kw: string): boolean {
    if (this.isKw(kw)) {
      this.p++;
      return true;
    }
    return false;
  }

  protected expectKw(kw: string): Token {
    if (!this.isKw(kw)) this.fail();
    return this.advance();
  }

  /** Accepts a sequence of keywords only if all of them are present. */
  protected acceptKws(...kws: string[]): boolean {
    if (!this.isKw(kws[0]!)) return false;
    for (let i = 1; i < kws.length; i++) if (!this.isKwAt(i, kws[i]!)) return false;
    this.p += kws.length;
    return true;
  }

  protected isOp(op: string): boolean {
    const t = this.tok;
    if (t.kind === 'op' && t.text === op) return true;
    this.expect(`"${op}"`);
    return false;
  }

  protected isOpAt(k: number, op: string): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.text === op;
  }

  protected acceptOp(op: string): boolean {
    if (this.isOp(op)) {
      this.p++;
      return true;
    }
    return false;
  }

  protected expectOp(op: string): Token {
    if (!this.isOp(op)) this.fail();
    return this.advance();
  }

  /** True when the current token can be a name: a non-reserved word or a quoted identifier. */
  protected isIdent(): boolean {
    const t = this.tok;
    if (t.kind === 'quoted' || (t.kind === 'word' && !RESERVED.has(t.upper))) return true;
    this.expect('<identifier>');
    return false;
  }

  protected isIdentAt(k: number): boolean {
    const t = this.peek(k);
    return t.kind === 'quoted' || (t.kind === 'word' && !RESERVED.has(t.upper));
  }

  protected identifier(): string {
    if (!this.isIdent()) this.fail();
    return this.advance().text;
  }

  /** `a.b.c`; after a dot any word is accepted (reserved words need no quoting there). */
  protected qualifiedName(): string[] {
    const parts = [this.identifier()];
    while (this.isOp('.') && (this.peek(1).kind === 'word' || this.peek(1).kind === 'quoted')) {
      this.p++;
      parts.push(this.advance().text);
    }
    return parts;
  }

  protected identList(): string[] {
    this.expectOp('(');
    const out = [this.identifier()];
    while (this.acceptOp(',')) out.push(this.identifier());
    this.expectOp(')');
    return out;
  }

  /** A character string literal (adjacent literals concatenate). */
  protected stringLiteral(): string {
    if (this.tok.kind !== 'string') {
      this.expect('<string literal>');
      this.fail();
    }
    let s = this.advance().text;
    while (this.tok.kind === 'string') s += this.advance().text;
    return s;
  }

  protected integerLiteral(): number {
    if (this.tok.kind !== 'integer') {
      this.expect('<unsigned integer>');
      this.fail();
    }
    const t = this.advance();
    const n = Number(t.text);
    if (!Number.isSafeInteger(n)) this.failAt(t, `Numeric literal '${t.text}' out of range`);
    return n;
  }

  protected enter(): void {
    if (++this.depth > MAX_NESTING) {
      this.failAt(this.tok, `Statement nested too deeply (more than ${MAX_NESTING} levels)`);
    }
  }

  protected leave(): void {
    this.depth--;
  }

  protected display(t: Token): string {
    return tokenDisplay(t, this.src, this.base);
  }

  /** Throws "Encountered X at line L, column C. Was expecting one of: ..." for the current token. */
  protected fail(detail?: string): never {
    const t = this.tok;
    const expected = this.expectedAt === this.p ? [...this.expected].sort(compareExpected) : [];
    const shown = this.display(t);
    let msg = `Encountered "${shown}" at line ${t.start.line}, column ${t.start.column}.`;
    if (detail) msg += ` ${detail}`;
    if (expected.length === 1) msg += ` Was expecting: ${expected[0]}`;
    else if (expected.length > 1) msg += ` Was expecting one of: ${expected.join(', ')}`;
    throw new SqlParseError(msg, t.start, shown, expected);
  }

  /** Throws a message about a specific token (not an "expected" list). */
  protected failAt(t: Token, message: string): never {
    throw new SqlParseError(`${message} at line ${t.start.line}, column ${t.start.column}`, t.start, this.display(t));
  }
}

/** Categories (<identifier>) after quoted keywords and operators, each group alphabetical. */
function compareExpected(a: string, b: string): number {
  const ca = a.startsWith('<') ? 1 : 0;
  const cb = b.startsWith('<') ? 1 : 0;
  if (ca !== cb) return ca - cb;
  return a < b ? -1 : a > b ? 1 : 0;
}
