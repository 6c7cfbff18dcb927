import type { Expr, FromItem, GroupingElement, Query } from './ast.js';
import type { ColumnDef, Insert, Statement, TableElement } from './ast-statements.js';
import { ExprFormatter, quoteIdent, quoteName, quoteString } from './format-expr.js';

/**
 * Turns an AST back into SQL text (one line, canonical keywords, names quoted only where needed). Parsing the output
 * gives a tree equal to the input apart from spans; used for EXPLAIN output and stored view definitions.
 */
class Formatter extends ExprFormatter {
  query(q: Query): string {
    switch (q.kind) {
      case 'select': {
        let s = `SELECT${this.hints(q.hints)}${q.quantifier ? ` ${q.quantifier}` : ''} `;
        s += q.items
          .map((i) => this.expr(i.expr) + (i.alias !== undefined ? ` AS ${quoteIdent(i.alias)}` : ''))
          .join(', ');
        if (q.from) s += ` FROM ${this.from(q.from)}`;
        if (q.where) s += ` WHERE ${this.expr(q.where)}`;
        if (q.groupBy) s += ` GROUP BY ${q.groupBy.map((g) => this.grouping(g)).join(', ')}`;
        if (q.having) s += ` HAVING ${this.expr(q.having)}`;
        if (q.windows.length) {
          s += ` WINDOW ${q.windows.map((w) => `${quoteIdent(w.name)} AS ${this.windowSpec(w.spec)}`).join(', ')}`;
        }
        return s;
      }
      case 'values':
        return `VALUES ${this.list(q.rows)}`;
      case 'set-op':
        return `${this.operand(q.left)} ${q.op}${q.all ? ' ALL' : ''} ${this.operand(q.right)}`;
      case 'query': {
        let s = '';
        if (q.with.length) {
          s += `WITH ${q.with
            .map(
              (c) =>
                `${quoteIdent(c.name)}${c.columns ? `(${c.columns.map(quoteIdent).join(', ')})` : ''} AS (${this.query(c.query)})`,
            )
            .join(', ')} `;
        }
        s += q.body.kind === 'query' ? `(${this.query(q.body)})` : this.query(q.body);
        if (q.orderBy.length) s += ` ORDER BY ${this.orderItems(q.orderBy)}`;
        if (q.limit) s += ` LIMIT ${this.expr(q.limit)}`;
        if (q.offset) s += ` OFFSET ${this.expr(q.offset)}`;
        return s;
      }
    }
  }

  private operand(q: Query): string {
    return q.kind === 'select' || q.kind === 'values' ? this.query(q) : `(${this.query(q)})`;
  }

  private grouping(g: GroupingElement): string {
    switch (g.kind) {
      case 'grouping-sets':
        return `GROUPING SETS (${g.sets.map((x) => this.grouping(x)).join(', ')})`;
      case 'rollup':
        return `ROLLUP(${this.list(g.exprs)})`;
      case 'cube':
        return `CUBE(${this.list(g.exprs)})`;
      case 'empty-group':
        return '()';
      default:
        return this.expr(g as Expr);
    }
  }

  private aliasOf(a: { alias?: string; columnAliases?: string[] }): string {
    if (a.alias === undefined) return '';
    const cols = a.columnAliases ? `(${a.columnAliases.map(quoteIdent).join(', ')})` : '';
    return ` AS ${quoteIdent(a.alias)}${cols}`;
  }

  from(f: FromItem): string {
    switch (f.kind) {
      case 'table-ref': {
        let s = quoteName(f.name) + this.hints(f.hints);
        if (f.systemTime) s += ` FOR SYSTEM_TIME AS OF ${this.expr(f.systemTime)}`;
        return s + this.aliasOf(f);
      }
      case 'derived-table':
        return `${f.lateral ? 'LATERAL ' : ''}(${this.query(f.query)})${this.aliasOf(f)}`;
      case 'unnest':
        return `UNNEST(${this.list(f.args)})${f.withOrdinality ? ' WITH ORDINALITY' : ''}${this.aliasOf(f)}`;
      case 'table-function':
        return `${f.lateral ? 'LATERAL ' : ''}TABLE(${this.expr(f.call)})${this.aliasOf(f)}`;
      case 'join': {
        const left =
          f.left.kind === 'join' && f.left.joinType === 'COMMA' && f.joinType !== 'COMMA'
            ? `(${this.from(f.left)})`
            : this.from(f.left);
        const right = f.right.kind === 'join' ? `(${this.from(f.right)})` : this.from(f.right);
        if (f.joinType === 'COMMA') return `${left}, ${right}`;
        const kw = f.joinType === 'INNER' ? 'JOIN' : `${f.joinType} JOIN`;
        let s = `${left} ${f.natural ? 'NATURAL ' : ''}${kw} ${right}`;
        if (f.on) s += ` ON ${this.expr(f.on)}`;
        if (f.using) s += ` USING (${f.using.map(quoteIdent).join(', ')})`;
        return s;
      }
    }
  }

  private column(c: ColumnDef): string {
    let s = quoteIdent(c.name);
    if (c.kind === 'computed-column') s += ` AS ${this.expr(c.expr)}`;
    else {
      s += ` ${this.type(c.type)}`;
      if (c.kind === 'metadata-column') {
        s += ' METADATA';
        if (c.metadataKey !== undefined) s += ` FROM ${quoteString(c.metadataKey)}`;
        if (c.virtual) s += ' VIRTUAL';
      } else if (c.primaryKey) {
        s += `${c.primaryKey.constraintName !== undefined ? ` CONSTRAINT ${quoteIdent(c.primaryKey.constraintName)}` : ''} PRIMARY KEY NOT ENFORCED`;
      }
    }
    if (c.comment !== undefined) s += ` COMMENT ${quoteString(c.comment)}`;
    if (c.position) s += 'first' in c.position ? ' FIRST' : ` AFTER ${quoteIdent(c.position.after)}`;
    return s;
  }

  private element(e: TableElement): string {
    if (e.kind === 'watermark') return `WATERMARK FOR ${quoteName(e.column)} AS ${this.expr(e.expr)}`;
    if (e.kind === 'primary-key') {
      const c = e.constraintName !== undefined ? `CONSTRAINT ${quoteIdent(e.constraintName)} ` : '';
      return `${c}PRIMARY KEY (${e.columns.map(quoteIdent).join(', ')}) NOT ENFORCED`;
    }
    return this.column(e);
  }

  private insert(i: Insert): string {
    let s = `INSERT ${i.overwrite ? 'OVERWRITE' : 'INTO'} ${quoteName(i.table)}${this.hints(i.hints)}`;
    if (i.partition)
      s += ` PARTITION (${i.partition.map((p) => `${quoteIdent(p.column)} = ${this.expr(p.value)}`).join(', ')})`;
    if (i.columns) s += ` (${i.columns.map(quoteIdent).join(', ')})`;
    return `${s} ${this.query(i.query)}`;
  }

  private opts(kw: string, ps: readonly { key: string; value: string }[] | undefined): string {
    return ps?.length ? ` ${kw} (${ps.map((p) => `${quoteString(p.key)} = ${quoteString(p.value)}`).join(', ')})` : '';
  }

  statement(s: Statement): string {
    const ine = (b: boolean) => (b ? ' IF NOT EXISTS' : '');
    const ie = (b: boolean) => (b ? ' IF EXISTS' : '');
    const tmp = (b: boolean, sys = false) => (b ? (sys ? ' TEMPORARY SYSTEM' : ' TEMPORARY') : '');
    const cmt = (c: string | undefined) => (c !== undefined ? ` COMMENT ${quoteString(c)}` : '');
    switch (s.kind) {
      case 'select':
      case 'values':
      case 'set-op':
      case 'query':
        return this.query(s);
      case 'create-catalog':
        return `CREATE CATALOG${ine(s.ifNotExists)} ${quoteIdent(s.name)}${cmt(s.comment)} WITH (${this.properties(s.options)})`;
      case 'drop-catalog':
        return `DROP CATALOG${ie(s.ifExists)} ${quoteIdent(s.name)}`;
      case 'alter-catalog': {
        const a = s.action;
        const rest =
          a.action === 'set-options'
            ? `SET (${this.properties(a.options)})`
            : a.action === 'reset-options'
              ? `RESET (${a.keys.map(quoteString).join(', ')})`
              : `COMMENT ${quoteString(a.comment)}`;
        return `ALTER CATALOG ${quoteIdent(s.name)} ${rest}`;
      }
      case 'create-database':
        return `CREATE DATABASE${ine(s.ifNotExists)} ${quoteName(s.name)}${cmt(s.comment)}${this.opts('WITH', s.options)}`;
      case 'drop-database':
        return `DROP DATABASE${ie(s.ifExists)} ${quoteName(s.name)}${s.behavior ? ` ${s.behavior}` : ''}`;
      case 'alter-database':
        return `ALTER DATABASE ${quoteName(s.name)} SET (${this.properties(s.options)})`;
      case 'create-table': {
        let out = `CREATE${s.orReplace ? ' OR REPLACE' : ''}${tmp(s.temporary)} TABLE${ine(s.ifNotExists)} ${quoteName(s.name)}`;
        const els: string[] = s.columns.map((c) => this.column(c));
        if (s.watermark) els.push(this.element(s.watermark));
        const columnPk = s.columns.some((c) => c.primaryKey);
        if (s.primaryKey && !columnPk) els.push(this.element(s.primaryKey));
        if (els.length) out += ` (${els.join(', ')})`;
        out += cmt(s.comment);
        if (s.partitionedBy.length) out += ` PARTITIONED BY (${s.partitionedBy.map(quoteIdent).join(', ')})`;
        out += this.opts('WITH', s.options);
        if (s.like) {
          out += ` LIKE ${quoteName(s.like.table)}`;
          if (s.like.options.length) out += ` (${s.like.options.map((o) => `${o.mode} ${o.option}`).join(' ')})`;
        }
        if (s.asQuery) out += ` AS ${this.query(s.asQuery)}`;
        return out;
      }
      case 'drop-table':
        return `DROP${tmp(s.temporary)} TABLE${ie(s.ifExists)} ${quoteName(s.name)}`;
      case 'alter-table': {
        const a = s.action;
        let rest: string;
        switch (a.action) {
          case 'rename':
            rest = `RENAME TO ${quoteName(a.newName)}`;
            break;
          case 'set-options':
            rest = `SET (${this.properties(a.options)})`;
            break;
          case 'reset-options':
            rest = `RESET (${a.keys.map(quoteString).join(', ')})`;
            break;
          case 'add':
          case 'modify':
            rest = `${a.action.toUpperCase()} (${a.elements.map((e) => this.element(e)).join(', ')})`;
            break;
          case 'drop-columns':
            rest = `DROP (${a.columns.map(quoteIdent).join(', ')})`;
            break;
          case 'drop-primary-key':
            rest = 'DROP PRIMARY KEY';
            break;
          case 'drop-constraint':
            rest = `DROP CONSTRAINT ${quoteIdent(a.name)}`;
            break;
          case 'drop-watermark':
            rest = 'DROP WATERMARK';
            break;
          case 'rename-column':
            rest = `RENAME ${quoteIdent(a.from)} TO ${quoteIdent(a.to)}`;
            break;
        }
        return `ALTER TABLE${ie(s.ifExists)} ${quoteName(s.name)} ${rest}`;
      }
      case 'create-view': {
        const cols = s.columns ? ` (${s.columns.map(quoteIdent).join(', ')})` : '';
        return `CREATE${tmp(s.temporary)} VIEW${ine(s.ifNotExists)} ${quoteName(s.name)}${cols}${cmt(s.comment)} AS ${this.query(s.query)}`;
      }
      case 'drop-view':
        return `DROP${tmp(s.temporary)} VIEW${ie(s.ifExists)} ${quoteName(s.name)}`;
      case 'alter-view':
        return s.action.action === 'rename'
          ? `ALTER VIEW ${quoteName(s.name)} RENAME TO ${quoteName(s.action.newName)}`
          : `ALTER VIEW ${quoteName(s.name)} AS ${this.query(s.action.query)}`;
      case 'create-function': {
        let out = `CREATE${tmp(s.temporary, s.system)} FUNCTION${ine(s.ifNotExists)} ${quoteName(s.name)} AS ${quoteString(s.identifier)}`;
        if (s.language) out += ` LANGUAGE ${s.language}`;
        if (s.resources.length) out += ` USING ${s.resources.map((r) => `JAR ${quoteString(r)}`).join(', ')}`;
        return out;
      }
      case 'drop-function':
        return `DROP${tmp(s.temporary, s.system)} FUNCTION${ie(s.ifExists)} ${quoteName(s.name)}`;
      case 'alter-function':
        return (
          `ALTER${tmp(s.temporary, s.system)} FUNCTION${ie(s.ifExists)} ${quoteName(s.name)} AS ${quoteString(s.identifier)}` +
          (s.language ? ` LANGUAGE ${s.language}` : '')
        );
      case 'insert':
        return this.insert(s);
      case 'statement-set': {
        const body = s.inserts.map((i) => `${this.insert(i)};`).join(' ');
        return s.execute ? `EXECUTE STATEMENT SET BEGIN ${body} END` : `BEGIN STATEMENT SET; ${body} END`;
      }
      case 'use':
        return `USE ${quoteName(s.name)}`;
      case 'use-catalog':
        return `USE CATALOG ${quoteIdent(s.name)}`;
      case 'use-modules':
        return `USE MODULES ${s.names.map(quoteIdent).join(', ')}`;
      case 'show': {
        let out = `SHOW ${s.object}`;
        if (s.from) {
          const bare = s.object.startsWith('CREATE') || s.object === 'PARTITIONS';
          out += bare ? ` ${quoteName(s.from)}` : ` FROM ${quoteName(s.from)}`;
        }
        if (s.like)
          out += `${s.like.not ? ' NOT' : ''} ${s.like.ilike ? 'ILIKE' : 'LIKE'} ${quoteString(s.like.pattern)}`;
        return out;
      }
      case 'describe':
        return `DESCRIBE${s.extended ? ' EXTENDED' : ''} ${quoteName(s.name)}`;
      case 'explain': {
        const head = s.planFor ? 'EXPLAIN PLAN FOR' : ['EXPLAIN', s.details.join(', ')].filter(Boolean).join(' ');
        return `${head} ${this.statement(s.statement)}`;
      }
      case 'set':
        return s.key === undefined ? 'SET' : `SET ${quoteString(s.key)} = ${quoteString(s.value ?? '')}`;
      case 'reset':
        return s.key === undefined ? 'RESET' : `RESET ${quoteString(s.key)}`;
    }
  }
}

const formatter = new Formatter();

/** SQL text of a statement, query, expression or data type AST node. */
export function formatSql(node: Statement | Expr | import('./ast.js').TypeNode): string {
  if (node.kind === 'type') return formatter.type(node);
  if (isStatementKind(node.kind)) return formatter.statement(node as Statement);
  return formatter.expr(node as Expr);
}

export function formatFromItem(f: FromItem): string {
  return formatter.from(f);
}

const EXPR_ONLY = new Set(['select', 'values', 'set-op', 'query']);
function isStatementKind(kind: string): boolean {
  // Expression kinds never collide with statement kinds; queries are statements.
  return EXPR_ONLY.has(kind) || STATEMENT_KINDS.has(kind);
}
const STATEMENT_KINDS = new Set([
  'create-catalog',
  'drop-catalog',
  'alter-catalog',
  'create-database',
  'drop-database',
  'alter-database',
  'create-table',
  'drop-table',
  'alter-table',
  'create-view',
  'drop-view',
  'alter-view',
  'create-function',
  'drop-function',
  'alter-function',
  'insert',
  'statement-set',
  'use',
  'use-catalog',
  'use-modules',
  'show',
  'describe',
  'explain',
  'set',
  'reset',
]);
