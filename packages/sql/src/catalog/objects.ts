import type { UnresolvedSchema } from './schema.js';

/*
 * Catalog objects as plain JSON-compatible data (Flink's CatalogDatabase, CatalogTable, CatalogView,
 * CatalogFunction, CatalogPartition). Catalogs hand out copies, so callers may modify what they get.
 */

export interface CatalogDatabase {
  properties: Record<string, string>;
  comment?: string;
}

export interface CatalogTable {
  kind: 'TABLE';
  schema: UnresolvedSchema;
  /** Connector options from WITH (...). */
  options: Record<string, string>;
  partitionKeys: string[];
  comment?: string;
}

export interface CatalogView {
  kind: 'VIEW';
  schema: UnresolvedSchema;
  /** The query as the user wrote it. */
  originalQuery: string;
  /** The query with every identifier fully qualified, so it means the same after USE statements. */
  expandedQuery: string;
  options: Record<string, string>;
  comment?: string;
}

/** Flink's CatalogBaseTable: a table or a view. */
export type CatalogBaseTable = CatalogTable | CatalogView;

/** Same strings as the parser's FunctionLanguage. */
export type CatalogFunctionLanguage = 'JAVA' | 'SCALA' | 'PYTHON' | 'JAVASCRIPT' | 'SQL';

export const CATALOG_FUNCTION_LANGUAGES: readonly CatalogFunctionLanguage[] = [
  'JAVA',
  'SCALA',
  'PYTHON',
  'JAVASCRIPT',
  'SQL',
];

export interface FunctionResourceUri {
  resourceType: 'JAR' | 'FILE' | 'ARCHIVE';
  uri: string;
}

export interface CatalogFunction {
  /** Class name (JAVA/SCALA), module path and export (JAVASCRIPT), or other identifier the language resolves. */
  className: string;
  language: CatalogFunctionLanguage;
  resourceUris: FunctionResourceUri[];
}

export interface CatalogPartition {
  properties: Record<string, string>;
  comment?: string;
}

/** Partition key -> value; equal specs have equal entries regardless of order (Flink's CatalogPartitionSpec). */
export type CatalogPartitionSpec = Record<string, string>;

export function catalogDatabase(properties: Record<string, string> = {}, comment?: string): CatalogDatabase {
  const db: CatalogDatabase = { properties: { ...properties } };
  if (comment !== undefined) db.comment = comment;
  return db;
}

export function catalogTable(init: {
  schema: UnresolvedSchema;
  options?: Record<string, string>;
  partitionKeys?: string[];
  comment?: string;
}): CatalogTable {
  const t: CatalogTable = {
    kind: 'TABLE',
    schema: structuredClone(init.schema),
    options: { ...(init.options ?? {}) },
    partitionKeys: [...(init.partitionKeys ?? [])],
  };
  if (init.comment !== undefined) t.comment = init.comment;
  return t;
}

export function catalogView(init: {
  schema: UnresolvedSchema;
  originalQuery: string;
  expandedQuery?: string;
  options?: Record<string, string>;
  comment?: string;
}): CatalogView {
  const v: CatalogView = {
    kind: 'VIEW',
    schema: structuredClone(init.schema),
    originalQuery: init.originalQuery,
    expandedQuery: init.expandedQuery ?? init.originalQuery,
    options: { ...(init.options ?? {}) },
  };
  if (init.comment !== undefined) v.comment = init.comment;
  return v;
}

export function catalogFunction(
  className: string,
  language: CatalogFunctionLanguage = 'JAVASCRIPT',
  resourceUris: FunctionResourceUri[] = [],
): CatalogFunction {
  return { className, language, resourceUris: resourceUris.map((r) => ({ ...r })) };
}

export function catalogPartition(properties: Record<string, string> = {}, comment?: string): CatalogPartition {
  const p: CatalogPartition = { properties: { ...properties } };
  if (comment !== undefined) p.comment = comment;
  return p;
}

export function isPartitioned(table: CatalogBaseTable): boolean {
  return table.kind === 'TABLE' && table.partitionKeys.length > 0;
}

/** Canonical key of a spec: entries sorted by key, so equal maps give equal keys. */
export function partitionSpecKey(spec: CatalogPartitionSpec): string {
  return JSON.stringify(
    Object.keys(spec)
      .sort()
      .map((k) => [k, spec[k]]),
  );
}

/** (dt='2024-01-01', hr='10') as in PARTITION clauses. */
export function formatPartitionSpec(spec: CatalogPartitionSpec): string {
  const entries = Object.entries(spec).map(([k, v]) => `${k}='${String(v).replaceAll("'", "''")}'`);
  return `(${entries.join(', ')})`;
}

/** True when every entry of `partial` is in `spec` (Flink's listPartitions(path, partialSpec) filter). */
export function partitionSpecContains(spec: CatalogPartitionSpec, partial: CatalogPartitionSpec): boolean {
  return Object.entries(partial).every(([k, v]) => Object.hasOwn(spec, k) && spec[k] === v);
}
