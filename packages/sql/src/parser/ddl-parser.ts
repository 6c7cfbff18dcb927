import type {
  AlterCatalog,
  AlterTableAction,
  ColumnDef,
  CreateTable,
  FunctionLanguage,
  LikeOption,
  LikeOptionKind,
  PrimaryKey,
  Statement,
  TableElement,
  Watermark,
} from './ast-statements.js';
import { QueryParser } from './query-parser.js';
import type { Pos } from './span.js';

const LIKE_OPTIONS = new Set<LikeOptionKind>([
  'ALL',
  'CONSTRAINTS',
  'GENERATED',
  'METADATA',
  'OPTIONS',
  'PARTITIONS',
  'WATERMARKS',
  'DISTRIBUTION',
]);
const LANGUAGES = new Set<FunctionLanguage>(['JAVA', 'SCALA', 'PYTHON', 'JAVASCRIPT', 'SQL']);

/** CREATE / DROP / ALTER for catalogs, databases, tables, views and functions. */
export abstract class DdlParser extends QueryParser {
  protected ifNotExists(): boolean {
    return this.acceptKws('IF', 'NOT', 'EXISTS');
  }
  protected ifExists(): boolean {
    return this.acceptKws('IF', 'EXISTS');
  }

  private comment(): string | undefined {
    return this.acceptKw('COMMENT') ? this.stringLiteral() : undefined;
  }

  /** After CREATE. */
  protected create(start: Pos): Statement {
    const orReplace = this.acceptKws('OR', 'REPLACE');
    let temporary = false;
    let system = false;
    if (this.acceptKw('TEMPORARY')) {
      temporary = true;
      system = this.acceptKw('SYSTEM');
    }
    if (!orReplace && !temporary && this.acceptKw('CATALOG')) {
      const ifNotExists = this.ifNotExists();
      const name = this.identifier();
      const comment = this.comment();
      this.expectKw('WITH');
      const options = this.properties();
      return {
        kind: 'create-catalog',
        name,
        ifNotExists,
        ...(comment !== undefined ? { comment } : {}),
        options,
        span: this.spanFrom(start),
      };
    }
    if (!orReplace && !temporary && this.acceptKw('DATABASE')) {
      const ifNotExists = this.ifNotExists();
      const name = this.qualifiedName();
      const comment = this.comment();
      const options = this.acceptKw('WITH') ? this.properties() : [];
      return {
        kind: 'create-database',
        name,
        ifNotExists,
        ...(comment !== undefined ? { comment } : {}),
        options,
        span: this.spanFrom(start),
      };
    }
    if (!system && this.acceptKw('TABLE')) return this.createTable(start, temporary, orReplace);
    if (!system && !orReplace && this.acceptKw('VIEW')) {
      const ifNotExists = this.ifNotExists();
      const name = this.qualifiedName();
      const columns = this.isOp('(') ? this.identList() : undefined;
      const comment = this.comment();
      this.expectKw('AS');
      const query = this.parseQuery();
      return {
        kind: 'create-view',
        name,
        temporary,
        ifNotExists,
        ...(columns ? { columns } : {}),
        ...(comment !== undefined ? { comment } : {}),
        query,
        span: this.spanFrom(start),
      };
    }
    if (!orReplace && this.acceptKw('FUNCTION')) {
      const ifNotExists = this.ifNotExists();
      const name = this.qualifiedName();
      this.expectKw('AS');
      const identifier = this.stringLiteral();
      const language = this.language();
      const resources: string[] = [];
      if (this.acceptKw('USING')) {
        do {
          this.expectKw('JAR');
          resources.push(this.stringLiteral());
        } while (this.acceptOp(','));
      }
      return {
        kind: 'create-function',
        name,
        temporary,
        system,
        ifNotExists,
        identifier,
        ...(language ? { language } : {}),
        resources,
        span: this.spanFrom(start),
      };
    }
    this.fail();
  }

  private language(): FunctionLanguage | undefined {
    if (!this.acceptKw('LANGUAGE')) return undefined;
    const t = this.tok;
    if (t.kind !== 'word' || !LANGUAGES.has(t.upper as FunctionLanguage)) {
      for (const l of LANGUAGES) this.expect(`"${l}"`);
      this.fail();
    }
    this.p++;
    return t.upper as FunctionLanguage;
  }

  private createTable(start: Pos, temporary: boolean, orReplace: boolean): CreateTable {
    const ifNotExists = this.ifNotExists();
    const name = this.qualifiedName();
    const t: CreateTable = {
      kind: 'create-table',
      name,
      temporary,
      ifNotExists,
      orReplace,
      columns: [],
      partitionedBy: [],
      options: [],
      span: this.spanFrom(start),
    };
    if (this.isOp('(')) {
      this.p++;
      if (!this.isOp(')')) {
        do {
          const el = this.tableElement(false);
          if (el.kind === 'watermark') {
            if (t.watermark) this.failAt(this.toks[this.p - 1]!, 'Only one WATERMARK definition is allowed');
            t.watermark = el;
          } else if (el.kind === 'primary-key') {
            if (t.primaryKey) this.failAt(this.toks[this.p - 1]!, 'Only one PRIMARY KEY is allowed');
            t.primaryKey = el;
          } else {
            if (el.primaryKey) {
              if (t.primaryKey) this.failAt(this.toks[this.p - 1]!, 'Only one PRIMARY KEY is allowed');
              t.primaryKey = el.primaryKey;
            }
            t.columns.push(el);
          }
        } while (this.acceptOp(','));
      }
      this.expectOp(')');
    }
    const comment = this.comment();
    if (comment !== undefined) t.comment = comment;
    if (this.acceptKws('PARTITIONED', 'BY')) t.partitionedBy = this.identList();
    if (this.acceptKw('WITH')) t.options = this.properties();
    if (this.isKw('LIKE')) {
      const ls = this.tok.start;
      this.p++;
      const table = this.qualifiedName();
      const options: LikeOption[] = [];
      if (this.acceptOp('(')) {
        while (!this.acceptOp(')')) {
          let mode: LikeOption['mode'];
          if (this.acceptKw('INCLUDING')) mode = 'INCLUDING';
          else if (this.acceptKw('EXCLUDING')) mode = 'EXCLUDING';
          else if (this.acceptKw('OVERWRITING')) mode = 'OVERWRITING';
          else this.fail();
          const o = this.tok;
          if (o.kind !== 'word' || !LIKE_OPTIONS.has(o.upper as LikeOptionKind)) {
            for (const k of LIKE_OPTIONS) this.expect(`"${k}"`);
            this.fail();
          }
          this.p++;
          options.push({ mode, option: o.upper as LikeOptionKind });
          this.acceptOp(',');
        }
      }
      t.like = { table, options, span: this.spanFrom(ls) };
    } else if (this.acceptKw('AS')) {
      t.asQuery = this.parseQuery();
    }
    t.span = this.spanFrom(start);
    return t;
  }

  /** Column, WATERMARK or PRIMARY KEY inside CREATE TABLE (...) or ALTER TABLE ADD/MODIFY. */
  protected tableElement(positions: boolean): TableElement {
    const start = this.tok.start;
    if (this.isKw('WATERMARK') && this.isKwAt(1, 'FOR')) {
      this.p += 2;
      const column = this.qualifiedName();
      this.expectKw('AS');
      const expr = this.parseExpr();
      const w: Watermark = { kind: 'watermark', column, expr, span: this.spanFrom(start) };
      return w;
    }
    if (
      (this.isKw('PRIMARY') && this.isKwAt(1, 'KEY')) ||
      (this.isKw('CONSTRAINT') && this.isIdentAt(1) && this.isKwAt(2, 'PRIMARY'))
    ) {
      return this.primaryKey(true);
    }
    const name = this.identifier();
    let col: ColumnDef;
    if (this.acceptKw('AS')) {
      col = { kind: 'computed-column', name, expr: this.parseExpr(), span: this.spanFrom(start) };
    } else {
      const type = this.parseType();
      if (this.acceptKw('METADATA')) {
        col = { kind: 'metadata-column', name, type, virtual: false, span: this.spanFrom(start) };
        if (this.acceptKw('FROM')) col.metadataKey = this.stringLiteral();
        col.virtual = this.acceptKw('VIRTUAL');
      } else {
        col = { kind: 'physical-column', name, type, span: this.spanFrom(start) };
        if (this.isKw('PRIMARY') || this.isKw('CONSTRAINT')) {
          const pk = this.primaryKey(false);
          pk.columns = [name];
          col.primaryKey = pk;
        }
      }
    }
    const comment = this.comment();
    if (comment !== undefined) col.comment = comment;
    if (positions) {
      if (this.acceptKw('FIRST')) col.position = { first: true };
      else if (this.acceptKw('AFTER')) col.position = { after: this.identifier() };
    }
    col.span = this.spanFrom(start);
    return col;
  }

  private primaryKey(withColumns: boolean): PrimaryKey {
    const start = this.tok.start;
    let constraintName: string | undefined;
    if (this.acceptKw('CONSTRAINT')) constraintName = this.identifier();
    this.expectKw('PRIMARY');
    this.expectKw('KEY');
    const columns = withColumns ? this.identList() : [];
    const notTok = this.tok;
    if (!this.acceptKws('NOT', 'ENFORCED')) {
      if (this.isKw('ENFORCED') || this.isKw('NOT')) {
        this.failAt(notTok, "Flink doesn't support ENFORCED mode for PRIMARY KEY constraint, use NOT ENFORCED");
      }
      this.expect('"NOT"');
      this.fail('PRIMARY KEY must be declared NOT ENFORCED.');
    }
    return {
      kind: 'primary-key',
      ...(constraintName !== undefined ? { constraintName } : {}),
      columns,
      enforced: false,
      span: this.spanFrom(start),
    };
  }

  /** After DROP. */
  protected drop(start: Pos): Statement {
    let temporary = false;
    let system = false;
    if (this.acceptKw('TEMPORARY')) {
      temporary = true;
      system = this.acceptKw('SYSTEM');
    }
    if (!temporary && this.acceptKw('CATALOG')) {
      const ifExists = this.ifExists();
      return { kind: 'drop-catalog', name: this.identifier(), ifExists, span: this.spanFrom(start) };
    }
    if (!temporary && this.acceptKw('DATABASE')) {
      const ifExists = this.ifExists();
      const name = this.qualifiedName();
      let behavior: 'RESTRICT' | 'CASCADE' | undefined;
      if (this.acceptKw('RESTRICT')) behavior = 'RESTRICT';
      else if (this.acceptKw('CASCADE')) behavior = 'CASCADE';
      return { kind: 'drop-database', name, ifExists, ...(behavior ? { behavior } : {}), span: this.spanFrom(start) };
    }
    if (!system && (this.isKw('TABLE') || this.isKw('VIEW'))) {
      const kind = this.advance().upper === 'TABLE' ? 'drop-table' : 'drop-view';
      const ifExists = this.ifExists();
      return { kind, name: this.qualifiedName(), temporary, ifExists, span: this.spanFrom(start) };
    }
    if (this.acceptKw('FUNCTION')) {
      const ifExists = this.ifExists();
      const name = this.qualifiedName();
      return { kind: 'drop-function', name, temporary, system, ifExists, span: this.spanFrom(start) };
    }
    this.fail();
  }

  private keyList(): string[] {
    this.expectOp('(');
    const keys = [this.stringLiteral()];
    while (this.acceptOp(',')) keys.push(this.stringLiteral());
    this.expectOp(')');
    return keys;
  }

  /** After ALTER. */
  protected alter(start: Pos): Statement {
    if (this.acceptKw('CATALOG')) {
      const name = this.identifier();
      let action: AlterCatalog['action'];
      if (this.acceptKw('SET')) action = { action: 'set-options', options: this.properties() };
      else if (this.acceptKw('RESET')) action = { action: 'reset-options', keys: this.keyList() };
      else {
        this.expectKw('COMMENT');
        action = { action: 'comment', comment: this.stringLiteral() };
      }
      return { kind: 'alter-catalog', name, action, span: this.spanFrom(start) };
    }
    if (this.acceptKw('DATABASE')) {
      const name = this.qualifiedName();
      this.expectKw('SET');
      return { kind: 'alter-database', name, options: this.properties(), span: this.spanFrom(start) };
    }
    if (this.acceptKw('TABLE')) {
      const ifExists = this.ifExists();
      const name = this.qualifiedName();
      return { kind: 'alter-table', name, ifExists, action: this.alterTableAction(), span: this.spanFrom(start) };
    }
    if (this.acceptKw('VIEW')) {
      const name = this.qualifiedName();
      if (this.acceptKw('RENAME')) {
        this.expectKw('TO');
        const newName = this.qualifiedName();
        return { kind: 'alter-view', name, action: { action: 'rename', newName }, span: this.spanFrom(start) };
      }
      this.expectKw('AS');
      const query = this.parseQuery();
      return { kind: 'alter-view', name, action: { action: 'as', query }, span: this.spanFrom(start) };
    }
    let temporary = false;
    let system = false;
    if (this.acceptKw('TEMPORARY')) {
      temporary = true;
      system = this.acceptKw('SYSTEM');
    }
    this.expectKw('FUNCTION');
    const ifExists = this.ifExists();
    const name = this.qualifiedName();
    this.expectKw('AS');
    const identifier = this.stringLiteral();
    const language = this.language();
    return {
      kind: 'alter-function',
      name,
      temporary,
      system,
      ifExists,
      identifier,
      ...(language ? { language } : {}),
      span: this.spanFrom(start),
    };
  }

  private alterTableAction(): AlterTableAction {
    if (this.acceptKw('RENAME')) {
      if (this.acceptKw('TO')) return { action: 'rename', newName: this.qualifiedName() };
      const from = this.identifier();
      this.expectKw('TO');
      return { action: 'rename-column', from, to: this.identifier() };
    }
    if (this.acceptKw('SET')) return { action: 'set-options', options: this.properties() };
    if (this.acceptKw('RESET')) return { action: 'reset-options', keys: this.keyList() };
    if (this.isKw('ADD') || this.isKw('MODIFY')) {
      const action = this.advance().upper === 'ADD' ? 'add' : 'modify';
      const elements: TableElement[] = [];
      if (this.acceptOp('(')) {
        do elements.push(this.tableElement(true));
        while (this.acceptOp(','));
        this.expectOp(')');
      } else {
        elements.push(this.tableElement(true));
      }
      return { action, elements };
    }
    this.expectKw('DROP');
    if (this.acceptKws('PRIMARY', 'KEY')) return { action: 'drop-primary-key' };
    if (this.acceptKw('WATERMARK')) return { action: 'drop-watermark' };
    if (this.acceptKw('CONSTRAINT')) return { action: 'drop-constraint', name: this.identifier() };
    if (this.isOp('(')) return { action: 'drop-columns', columns: this.identList() };
    this.acceptKw('COLUMN');
    return { action: 'drop-columns', columns: [this.identifier()] };
  }
}
