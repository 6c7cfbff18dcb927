/** AST of statements (DDL, DML and the SQL client's utility statements). Queries are statements too. */
import type { Expr, Hint, Property, QualifiedName, Query, TypeNode } from './ast.js';
import type { Span } from './span.js';

export type Statement =
  | Query
  | CreateCatalog
  | DropCatalog
  | AlterCatalog
  | CreateDatabase
  | DropDatabase
  | AlterDatabase
  | CreateTable
  | DropTable
  | AlterTable
  | CreateView
  | DropView
  | AlterView
  | CreateFunction
  | DropFunction
  | AlterFunction
  | Insert
  | StatementSet
  | Use
  | UseCatalog
  | UseModules
  | Show
  | Describe
  | Explain
  | SetStatement
  | ResetStatement;

export interface CreateCatalog {
  kind: 'create-catalog';
  name: string;
  ifNotExists: boolean;
  comment?: string;
  options: Property[];
  span: Span;
}
export interface DropCatalog {
  kind: 'drop-catalog';
  name: string;
  ifExists: boolean;
  span: Span;
}
export interface AlterCatalog {
  kind: 'alter-catalog';
  name: string;
  action: OptionsAction | { action: 'comment'; comment: string };
  span: Span;
}
export type OptionsAction =
  | { action: 'set-options'; options: Property[] }
  | { action: 'reset-options'; keys: string[] };

export interface CreateDatabase {
  kind: 'create-database';
  name: QualifiedName;
  ifNotExists: boolean;
  comment?: string;
  options: Property[];
  span: Span;
}
export interface DropDatabase {
  kind: 'drop-database';
  name: QualifiedName;
  ifExists: boolean;
  behavior?: 'RESTRICT' | 'CASCADE';
  span: Span;
}
export interface AlterDatabase {
  kind: 'alter-database';
  name: QualifiedName;
  options: Property[];
  span: Span;
}

export type ColumnDef = PhysicalColumn | ComputedColumn | MetadataColumn;
interface ColumnBase {
  name: string;
  comment?: string;
  /** Column-level `PRIMARY KEY NOT ENFORCED`. */
  primaryKey?: PrimaryKey;
  /** ALTER TABLE ADD/MODIFY position. */
  position?: { first: true } | { after: string };
  span: Span;
}
export interface PhysicalColumn extends ColumnBase {
  kind: 'physical-column';
  type: TypeNode;
}
export interface ComputedColumn extends ColumnBase {
  kind: 'computed-column';
  expr: Expr;
}
export interface MetadataColumn extends ColumnBase {
  kind: 'metadata-column';
  type: TypeNode;
  /** `METADATA FROM 'key'`; absent when the column name is the key. */
  metadataKey?: string;
  virtual: boolean;
}
export interface Watermark {
  kind: 'watermark';
  column: QualifiedName;
  expr: Expr;
  span: Span;
}
export interface PrimaryKey {
  kind: 'primary-key';
  constraintName?: string;
  columns: string[];
  enforced: false;
  span: Span;
}
export type TableElement = ColumnDef | Watermark | PrimaryKey;

export type LikeOptionKind =
  | 'ALL'
  | 'CONSTRAINTS'
  | 'GENERATED'
  | 'METADATA'
  | 'OPTIONS'
  | 'PARTITIONS'
  | 'WATERMARKS'
  | 'DISTRIBUTION';
export interface LikeOption {
  mode: 'INCLUDING' | 'EXCLUDING' | 'OVERWRITING';
  option: LikeOptionKind;
}

export interface CreateTable {
  kind: 'create-table';
  name: QualifiedName;
  temporary: boolean;
  ifNotExists: boolean;
  /** CREATE OR REPLACE TABLE ... AS SELECT */
  orReplace: boolean;
  columns: ColumnDef[];
  watermark?: Watermark;
  primaryKey?: PrimaryKey;
  comment?: string;
  partitionedBy: string[];
  options: Property[];
  like?: { table: QualifiedName; options: LikeOption[]; span: Span };
  /** CREATE TABLE AS SELECT */
  asQuery?: Query;
  span: Span;
}
export interface DropTable {
  kind: 'drop-table';
  name: QualifiedName;
  temporary: boolean;
  ifExists: boolean;
  span: Span;
}
export type AlterTableAction =
  | { action: 'rename'; newName: QualifiedName }
  | OptionsAction
  | { action: 'add' | 'modify'; elements: TableElement[] }
  | { action: 'drop-columns'; columns: string[] }
  | { action: 'drop-primary-key' }
  | { action: 'drop-constraint'; name: string }
  | { action: 'drop-watermark' }
  | { action: 'rename-column'; from: string; to: string };
export interface AlterTable {
  kind: 'alter-table';
  name: QualifiedName;
  ifExists: boolean;
  action: AlterTableAction;
  span: Span;
}

export interface CreateView {
  kind: 'create-view';
  name: QualifiedName;
  temporary: boolean;
  ifNotExists: boolean;
  columns?: string[];
  comment?: string;
  query: Query;
  span: Span;
}
export interface DropView {
  kind: 'drop-view';
  name: QualifiedName;
  temporary: boolean;
  ifExists: boolean;
  span: Span;
}
export interface AlterView {
  kind: 'alter-view';
  name: QualifiedName;
  action: { action: 'rename'; newName: QualifiedName } | { action: 'as'; query: Query };
  span: Span;
}

export type FunctionLanguage = 'JAVA' | 'SCALA' | 'PYTHON' | 'JAVASCRIPT' | 'SQL';
interface FunctionScope {
  temporary: boolean;
  /** TEMPORARY SYSTEM: a catalog-less function. */
  system: boolean;
}
export interface CreateFunction extends FunctionScope {
  kind: 'create-function';
  name: QualifiedName;
  ifNotExists: boolean;
  /** The implementation identifier after AS (class name, module path, ...). */
  identifier: string;
  language?: FunctionLanguage;
  /** USING JAR '...', ... */
  resources: string[];
  span: Span;
}
export interface DropFunction extends FunctionScope {
  kind: 'drop-function';
  name: QualifiedName;
  ifExists: boolean;
  span: Span;
}
export interface AlterFunction extends FunctionScope {
  kind: 'alter-function';
  name: QualifiedName;
  ifExists: boolean;
  identifier: string;
  language?: FunctionLanguage;
  span: Span;
}

export interface Insert {
  kind: 'insert';
  overwrite: boolean;
  table: QualifiedName;
  hints: Hint[];
  /** Static partition spec `PARTITION (k = 'v', ...)`. */
  partition?: { column: string; value: Expr }[];
  columns?: string[];
  query: Query;
  span: Span;
}
/** `EXECUTE STATEMENT SET BEGIN ...; END` (execute) or `BEGIN STATEMENT SET; ...; END` (SQL client block). */
export interface StatementSet {
  kind: 'statement-set';
  execute: boolean;
  inserts: Insert[];
  span: Span;
}

/** `USE db` or `USE cat.db`. */
export interface Use {
  kind: 'use';
  name: QualifiedName;
  span: Span;
}
export interface UseCatalog {
  kind: 'use-catalog';
  name: string;
  span: Span;
}
export interface UseModules {
  kind: 'use-modules';
  names: string[];
  span: Span;
}

export type ShowObject =
  | 'CATALOGS'
  | 'DATABASES'
  | 'TABLES'
  | 'VIEWS'
  | 'FUNCTIONS'
  | 'USER FUNCTIONS'
  | 'COLUMNS'
  | 'CREATE TABLE'
  | 'CREATE VIEW'
  | 'CREATE CATALOG'
  | 'CURRENT CATALOG'
  | 'CURRENT DATABASE'
  | 'JOBS'
  | 'MODULES'
  | 'FULL MODULES'
  | 'PARTITIONS'
  | 'JARS';
export interface Show {
  kind: 'show';
  object: ShowObject;
  /** FROM/IN target: database for TABLES/VIEWS/FUNCTIONS, table for COLUMNS/CREATE TABLE/PARTITIONS. */
  from?: QualifiedName;
  like?: { not: boolean; pattern: string; ilike: boolean };
  span: Span;
}
export interface Describe {
  kind: 'describe';
  name: QualifiedName;
  extended: boolean;
  span: Span;
}
export type ExplainDetail = 'ESTIMATED_COST' | 'CHANGELOG_MODE' | 'JSON_EXECUTION_PLAN' | 'PLAN_ADVICE';
export interface Explain {
  kind: 'explain';
  /** `EXPLAIN PLAN FOR` */
  planFor: boolean;
  details: ExplainDetail[];
  statement: Statement;
  span: Span;
}
/** `SET` (list) or `SET 'key' = 'value'`. */
export interface SetStatement {
  kind: 'set';
  key?: string;
  value?: string;
  span: Span;
}
export interface ResetStatement {
  kind: 'reset';
  key?: string;
  span: Span;
}
