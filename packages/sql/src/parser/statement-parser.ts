import type { ExplainDetail, Insert, ShowObject, Statement } from './ast-statements.js';
import { DdlParser } from './ddl-parser.js';
import { SqlParseError } from './errors.js';
import type { LexStart } from './lexer.js';
import type { Pos } from './span.js';

const EXPLAIN_DETAILS = new Set<ExplainDetail>([
  'ESTIMATED_COST',
  'CHANGELOG_MODE',
  'JSON_EXECUTION_PLAN',
  'PLAN_ADVICE',
]);
const STATEMENT_STARTS = [
  'ALTER',
  'BEGIN',
  'CREATE',
  'DESC',
  'DESCRIBE',
  'DROP',
  'EXECUTE',
  'EXPLAIN',
  'INSERT',
  'RESET',
  'SELECT',
  'SET',
  'SHOW',
  'USE',
  'VALUES',
  'WITH',
];

/** Top level: statement dispatch, DML, statement sets and the SQL client's utility statements. */
export class StatementParser extends DdlParser {
  /** Exactly one statement, optionally followed by `;`. */
  parseSingle(): Statement {
    const s = this.statement();
    while (this.acceptOp(';'));
    this.expectEnd();
    return s;
  }

  /** Any number of `;`-separated statements. */
  parseAll(): Statement[] {
    const out: Statement[] = [];
    for (;;) {
      while (this.acceptOp(';'));
      if (this.at('eof')) return out;
      out.push(this.statement());
      if (!this.at('eof') && !this.isOp(';')) this.fail();
    }
  }

  private expectEnd(): void {
    if (this.tok.kind !== 'eof') {
      this.expect('<EOF>');
      this.fail();
    }
  }

  statement(): Statement {
    this.paramCount = 0;
    const t = this.tok;
    const start = t.start;
    if (t.kind === 'word') {
      switch (t.upper) {
        case 'SELECT':
        case 'WITH':
        case 'VALUES':
          return this.parseQuery();
        case 'CREATE':
          this.p++;
          return this.create(start);
        case 'DROP':
          this.p++;
          return this.drop(start);
        case 'ALTER':
          this.p++;
          return this.alter(start);
        case 'INSERT':
          return this.insert();
        case 'EXECUTE':
          this.p++;
          if (this.acceptKws('STATEMENT', 'SET')) {
            this.expectKw('BEGIN');
            return this.statementSetBody(start, true);
          }
          if (this.isKw('INSERT')) {
            const ins = this.insert();
            ins.span = this.spanFrom(start);
            return ins;
          }
          this.fail();
          break;
        case 'BEGIN':
          this.p++;
          this.expectKw('STATEMENT');
          this.expectKw('SET');
          this.acceptOp(';');
          return this.statementSetBody(start, false);
        case 'USE':
          return this.use(start);
        case 'SHOW':
          this.p++;
          return this.show(start);
        case 'DESCRIBE':
        case 'DESC': {
          this.p++;
          const extended = this.acceptKw('EXTENDED');
          return { kind: 'describe', name: this.qualifiedName(), extended, span: this.spanFrom(start) };
        }
        case 'EXPLAIN':
          return this.explain(start);
        case 'SET':
          return this.set(start);
        case 'RESET': {
          this.p++;
          const key = this.tok.kind === 'string' ? this.stringLiteral() : this.rawUntilEnd();
          return { kind: 'reset', ...(key ? { key } : {}), span: this.spanFrom(start) };
        }
        case 'MATCH_RECOGNIZE':
          this.failAt(t, 'MATCH_RECOGNIZE is not supported yet');
      }
    }
    if (t.kind === 'op' && t.text === '(') return this.parseQuery();
    for (const kw of STATEMENT_STARTS) this.expect(`"${kw}"`);
    this.expect('"("');
    this.fail();
  }

  private insert(): Insert {
    const start = this.tok.start;
    this.expectKw('INSERT');
    let overwrite = false;
    if (this.acceptKw('OVERWRITE')) overwrite = true;
    else this.expectKw('INTO');
    const table = this.qualifiedName();
    const ins: Insert = {
      kind: 'insert',
      overwrite,
      table,
      hints: this.hints(),
      query: undefined as never,
      span: this.spanFrom(start),
    };
    if (this.acceptKw('PARTITION')) {
      this.expectOp('(');
      ins.partition = [];
      do {
        const column = this.identifier();
        this.expectOp('=');
        ins.partition.push({ column, value: this.parseExpr() });
      } while (this.acceptOp(','));
      this.expectOp(')');
    }
    if (this.isOp('(') && !this.isQueryStart(1)) ins.columns = this.identList();
    ins.query = this.parseQuery();
    ins.span = this.spanFrom(start);
    return ins;
  }

  private statementSetBody(start: Pos, execute: boolean): Statement {
    const inserts: Insert[] = [];
    for (;;) {
      while (this.acceptOp(';'));
      if (this.acceptKw('END')) break;
      if (!this.isKw('INSERT')) {
        this.expect('"END"');
        this.fail('Only INSERT statements are allowed in a STATEMENT SET.');
      }
      inserts.push(this.insert());
      if (!this.isKw('END')) this.expectOp(';');
    }
    return { kind: 'statement-set', execute, inserts, span: this.spanFrom(start) };
  }

  private use(start: Pos): Statement {
    this.p++;
    if (this.isKw('CATALOG') && (this.isIdentAt(1) || this.peek(1).kind === 'word')) {
      this.p++;
      return { kind: 'use-catalog', name: this.identifier(), span: this.spanFrom(start) };
    }
    if (this.isKw('MODULES') && this.isIdentAt(1)) {
      this.p++;
      const names = [this.identifier()];
      while (this.acceptOp(',')) names.push(this.identifier());
      return { kind: 'use-modules', names, span: this.spanFrom(start) };
    }
    return { kind: 'use', name: this.qualifiedName(), span: this.spanFrom(start) };
  }

  private show(start: Pos): Statement {
    let object: ShowObject;
    const withFrom = (o: ShowObject, required: boolean): Statement => {
      const s: Statement = { kind: 'show', object: o, span: this.spanFrom(start) };
      if (this.acceptKw('FROM') || this.acceptKw('IN')) s.from = this.qualifiedName();
      else if (required) this.fail();
      const not = this.isKw('NOT') && (this.isKwAt(1, 'LIKE') || this.isKwAt(1, 'ILIKE'));
      if (not) this.p++;
      if (this.isKw('LIKE') || this.isKw('ILIKE')) {
        const ilike = this.advance().upper === 'ILIKE';
        s.like = { not, pattern: this.stringLiteral(), ilike };
      }
      s.span = this.spanFrom(start);
      return s;
    };
    if (this.acceptKw('CATALOGS')) return withFrom('CATALOGS', false);
    if (this.acceptKw('DATABASES')) return withFrom('DATABASES', false);
    if (this.acceptKw('TABLES')) return withFrom('TABLES', false);
    if (this.acceptKw('VIEWS')) return withFrom('VIEWS', false);
    if (this.acceptKw('FUNCTIONS')) return withFrom('FUNCTIONS', false);
    if (this.acceptKws('USER', 'FUNCTIONS')) return withFrom('USER FUNCTIONS', false);
    if (this.acceptKw('COLUMNS')) return withFrom('COLUMNS', true);
    if (this.acceptKw('JOBS')) object = 'JOBS';
    else if (this.acceptKw('MODULES')) object = 'MODULES';
    else if (this.acceptKws('FULL', 'MODULES')) object = 'FULL MODULES';
    else if (this.acceptKw('JARS')) object = 'JARS';
    else if (this.acceptKw('CURRENT')) {
      if (this.acceptKw('CATALOG')) object = 'CURRENT CATALOG';
      else {
        this.expectKw('DATABASE');
        object = 'CURRENT DATABASE';
      }
    } else if (this.acceptKw('PARTITIONS')) {
      return { kind: 'show', object: 'PARTITIONS', from: this.qualifiedName(), span: this.spanFrom(start) };
    } else if (this.acceptKw('CREATE')) {
      if (this.acceptKw('TABLE')) object = 'CREATE TABLE';
      else if (this.acceptKw('VIEW')) object = 'CREATE VIEW';
      else {
        this.expectKw('CATALOG');
        object = 'CREATE CATALOG';
      }
      return { kind: 'show', object, from: this.qualifiedName(), span: this.spanFrom(start) };
    } else {
      this.fail();
    }
    return { kind: 'show', object, span: this.spanFrom(start) };
  }

  private explain(start: Pos): Statement {
    this.p++;
    const planFor = this.acceptKws('PLAN', 'FOR');
    const details: ExplainDetail[] = [];
    if (!planFor) {
      while (this.tok.kind === 'word' && EXPLAIN_DETAILS.has(this.tok.upper as ExplainDetail)) {
        details.push(this.advance().upper as ExplainDetail);
        if (!this.acceptOp(',')) break;
      }
    }
    const inner = this.tok;
    const statement = this.statement();
    const ok =
      statement.kind === 'select' ||
      statement.kind === 'set-op' ||
      statement.kind === 'values' ||
      statement.kind === 'query' ||
      statement.kind === 'insert' ||
      statement.kind === 'statement-set' ||
      (statement.kind === 'create-table' && statement.asQuery !== undefined);
    if (!ok) {
      this.failAt(inner, 'EXPLAIN supports queries, INSERT, STATEMENT SET and CREATE TABLE ... AS SELECT; found');
    }
    return { kind: 'explain', planFor, details, statement, span: this.spanFrom(start) };
  }

  private set(start: Pos): Statement {
    this.p++;
    if (this.tok.kind === 'eof' || this.isOp(';')) return { kind: 'set', span: this.spanFrom(start) };
    let key: string;
    if (this.tok.kind === 'string') key = this.stringLiteral();
    else {
      const from = this.tok;
      const fromIndex = this.p;
      while (!this.at('eof') && !this.isOp('=') && !this.isOp(';')) this.p++;
      if (this.p === fromIndex) this.fail();
      key = this.src.slice(from.start.offset - this.base, this.prevEnd.offset - this.base);
    }
    this.expectOp('=');
    let value: string;
    if (this.tok.kind === 'string' && (this.peek(1).kind === 'eof' || this.isOpAt(1, ';')))
      value = this.stringLiteral();
    else {
      value = this.rawUntilEnd();
      if (!value) {
        this.expect('<string literal>');
        this.fail();
      }
    }
    return { kind: 'set', key, value, span: this.spanFrom(start) };
  }

  /** Source text of the remaining tokens up to `;` or the end (legacy unquoted SET/RESET arguments). */
  private rawUntilEnd(): string {
    const from = this.tok;
    let moved = false;
    while (!this.at('eof') && !this.isOp(';')) {
      this.p++;
      moved = true;
    }
    if (!moved) return '';
    return this.src.slice(from.start.offset - this.base, this.prevEnd.offset - this.base);
  }
}

/** Options for the parse functions. */
export interface ParseOptions {
  /** Position of the text's first character in a larger script, so errors and spans refer to the script. */
  start?: LexStart;
}

/** Runs a parse and turns a stack overflow (pathological input that the nesting limit did not catch) into a SqlParseError. */
function guarded<T>(src: string, start: LexStart | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RangeError) {
      const pos: Pos = { offset: start?.offset ?? 0, line: start?.line ?? 1, column: start?.column ?? 1 };
      throw new SqlParseError(`Statement too complex to parse: ${e.message}`, pos, src.slice(0, 20));
    }
    throw e;
  }
}

/** Parses exactly one statement (a trailing `;` is allowed). Throws SqlParseError. */
export function parseStatement(sql: string, options: ParseOptions = {}): Statement {
  return guarded(sql, options.start, () => new StatementParser(sql, options.start).parseSingle());
}

/** Parses a script of `;`-separated statements. Throws SqlParseError at the first error. */
export function parseStatements(sql: string, options: ParseOptions = {}): Statement[] {
  return guarded(sql, options.start, () => new StatementParser(sql, options.start).parseAll());
}

/** Parses a standalone expression (e.g. a computed column or a filter given through the API). */
export function parseExpression(sql: string, options: ParseOptions = {}) {
  return guarded(sql, options.start, () => {
    const p = new ExpressionEntry(sql, options.start);
    return p.run();
  });
}

/** Parses a standalone data type such as `ROW<a INT, b ARRAY<STRING>>`. */
export function parseDataType(sql: string, options: ParseOptions = {}) {
  return guarded(sql, options.start, () => new ExpressionEntry(sql, options.start).runType());
}

class ExpressionEntry extends StatementParser {
  run() {
    const e = this.parseExpr();
    if (this.tok.kind !== 'eof') {
      this.expect('<EOF>');
      this.fail();
    }
    return e;
  }
  runType() {
    const t = this.parseType();
    if (this.tok.kind !== 'eof') {
      this.expect('<EOF>');
      this.fail();
    }
    return t;
  }
}
