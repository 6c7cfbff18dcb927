import type { DatabaseState, PartitionEntry } from './abstract-catalog.js';
import { CatalogException } from './errors.js';
import {
  CATALOG_FUNCTION_LANGUAGES,
  type CatalogBaseTable,
  type CatalogDatabase,
  type CatalogFunction,
  type CatalogPartition,
  partitionSpecKey,
} from './objects.js';
import type { UnresolvedColumn, UnresolvedSchema } from './schema.js';

/*
 * On-disk JSON of one database of the persistent catalog. Version 1:
 *   { format: 'tributary-catalog-database', version: 1, name, database: {properties, comment?},
 *     tables: [{ name, table: CatalogTable | CatalogView, partitions?: [{spec, partition}] }],
 *     functions: [{ name, function: CatalogFunction }] }
 * Objects are the same plain shapes as the API's (./objects.ts, ./schema.ts), so the file reads like the DDL.
 * Reading validates every field, so a hand-edited or foreign file fails with the path of the bad field.
 */

export const DATABASE_FILE_FORMAT = 'tributary-catalog-database';
export const DATABASE_FILE_VERSION = 1;

export function databaseStateToJson(name: string, state: DatabaseState): string {
  const tables = [...state.tables.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([tableName, table]) => {
      const entry: Record<string, unknown> = { name: tableName, table };
      const parts = state.partitions.get(tableName);
      if (parts) entry.partitions = [...parts.values()];
      return entry;
    });
  const functions = [...state.functions.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([fnName, fn]) => ({ name: fnName, function: fn }));
  const doc = {
    format: DATABASE_FILE_FORMAT,
    version: DATABASE_FILE_VERSION,
    name,
    database: state.database,
    tables,
    functions,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Parses and validates a database file; `file` names it in errors. */
export function databaseStateFromJson(text: string, file: string): { name: string; state: DatabaseState } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new CatalogException(`Catalog file ${file} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  const r = new Reader(file);
  const root = r.object(doc, '$');
  if (root.format !== DATABASE_FILE_FORMAT) {
    r.fail('$.format', `expected '${DATABASE_FILE_FORMAT}', got ${JSON.stringify(root.format)}`);
  }
  if (root.version !== DATABASE_FILE_VERSION) {
    r.fail(
      '$.version',
      `this version of Tributary reads version ${DATABASE_FILE_VERSION}, got ${JSON.stringify(root.version)}`,
    );
  }
  const name = r.string(root.name, '$.name');
  const state: DatabaseState = {
    database: r.database(root.database, '$.database'),
    tables: new Map(),
    functions: new Map(),
    partitions: new Map(),
  };
  r.array(root.tables, '$.tables').forEach((t, i) => {
    const at = `$.tables[${i}]`;
    const entry = r.object(t, at);
    const tableName = r.string(entry.name, `${at}.name`);
    const table = r.table(entry.table, `${at}.table`);
    state.tables.set(tableName, table);
    if (table.kind === 'TABLE' && table.partitionKeys.length > 0) {
      const parts = new Map<string, PartitionEntry>();
      const list = entry.partitions === undefined ? [] : r.array(entry.partitions, `${at}.partitions`);
      list.forEach((p, j) => {
        const pat = `${at}.partitions[${j}]`;
        const pe = r.object(p, pat);
        const spec = r.stringMap(pe.spec, `${pat}.spec`);
        parts.set(partitionSpecKey(spec), { spec, partition: r.partition(pe.partition, `${pat}.partition`) });
      });
      state.partitions.set(tableName, parts);
    }
  });
  r.array(root.functions, '$.functions').forEach((f, i) => {
    const at = `$.functions[${i}]`;
    const entry = r.object(f, at);
    state.functions.set(r.string(entry.name, `${at}.name`), r.fn(entry.function, `${at}.function`));
  });
  return { name, state };
}

class Reader {
  constructor(private readonly file: string) {}

  fail(at: string, what: string): never {
    throw new CatalogException(`Catalog file ${this.file} is invalid at ${at}: ${what}.`);
  }

  object(v: unknown, at: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(at, 'expected an object');
    return v as Record<string, unknown>;
  }

  array(v: unknown, at: string): unknown[] {
    if (!Array.isArray(v)) this.fail(at, 'expected an array');
    return v;
  }

  string(v: unknown, at: string): string {
    if (typeof v !== 'string') this.fail(at, 'expected a string');
    return v;
  }

  optionalString(v: unknown, at: string): string | undefined {
    return v === undefined ? undefined : this.string(v, at);
  }

  stringMap(v: unknown, at: string): Record<string, string> {
    const o = this.object(v, at);
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(o)) out[k] = this.string(val, `${at}.${k}`);
    return out;
  }

  stringList(v: unknown, at: string): string[] {
    return this.array(v, at).map((s, i) => this.string(s, `${at}[${i}]`));
  }

  withComment<T extends object>(target: T, o: Record<string, unknown>, at: string): T {
    const comment = this.optionalString(o.comment, `${at}.comment`);
    if (comment !== undefined) (target as { comment?: string }).comment = comment;
    return target;
  }

  database(v: unknown, at: string): CatalogDatabase {
    const o = this.object(v, at);
    return this.withComment({ properties: this.stringMap(o.properties, `${at}.properties`) }, o, at);
  }

  partition(v: unknown, at: string): CatalogPartition {
    const o = this.object(v, at);
    return this.withComment({ properties: this.stringMap(o.properties, `${at}.properties`) }, o, at);
  }

  fn(v: unknown, at: string): CatalogFunction {
    const o = this.object(v, at);
    const language = this.string(o.language, `${at}.language`);
    if (!(CATALOG_FUNCTION_LANGUAGES as readonly string[]).includes(language)) {
      this.fail(`${at}.language`, `expected one of ${CATALOG_FUNCTION_LANGUAGES.join(', ')}`);
    }
    const resourceUris = this.array(o.resourceUris ?? [], `${at}.resourceUris`).map((u, i) => {
      const uo = this.object(u, `${at}.resourceUris[${i}]`);
      const resourceType = this.string(uo.resourceType, `${at}.resourceUris[${i}].resourceType`);
      if (resourceType !== 'JAR' && resourceType !== 'FILE' && resourceType !== 'ARCHIVE') {
        this.fail(`${at}.resourceUris[${i}].resourceType`, 'expected JAR, FILE or ARCHIVE');
      }
      return {
        resourceType: resourceType as 'JAR' | 'FILE' | 'ARCHIVE',
        uri: this.string(uo.uri, `${at}.resourceUris[${i}].uri`),
      };
    });
    return {
      className: this.string(o.className, `${at}.className`),
      language: language as CatalogFunction['language'],
      resourceUris,
    };
  }

  table(v: unknown, at: string): CatalogBaseTable {
    const o = this.object(v, at);
    const schema = this.schema(o.schema, `${at}.schema`);
    const options = this.stringMap(o.options, `${at}.options`);
    if (o.kind === 'TABLE') {
      const t: CatalogBaseTable = {
        kind: 'TABLE',
        schema,
        options,
        partitionKeys: this.stringList(o.partitionKeys, `${at}.partitionKeys`),
      };
      return this.withComment(t, o, at);
    }
    if (o.kind === 'VIEW') {
      const view: CatalogBaseTable = {
        kind: 'VIEW',
        schema,
        originalQuery: this.string(o.originalQuery, `${at}.originalQuery`),
        expandedQuery: this.string(o.expandedQuery, `${at}.expandedQuery`),
        options,
      };
      return this.withComment(view, o, at);
    }
    return this.fail(`${at}.kind`, `expected 'TABLE' or 'VIEW', got ${JSON.stringify(o.kind)}`);
  }

  schema(v: unknown, at: string): UnresolvedSchema {
    const o = this.object(v, at);
    const columns = this.array(o.columns, `${at}.columns`).map((c, i) => this.column(c, `${at}.columns[${i}]`));
    const watermarkSpecs = this.array(o.watermarkSpecs, `${at}.watermarkSpecs`).map((w, i) => {
      const wo = this.object(w, `${at}.watermarkSpecs[${i}]`);
      return {
        columnName: this.string(wo.columnName, `${at}.watermarkSpecs[${i}].columnName`),
        expression: this.string(wo.expression, `${at}.watermarkSpecs[${i}].expression`),
      };
    });
    const schema: UnresolvedSchema = { columns, watermarkSpecs };
    if (o.primaryKey !== undefined) {
      const pk = this.object(o.primaryKey, `${at}.primaryKey`);
      schema.primaryKey = {
        constraintName: this.string(pk.constraintName, `${at}.primaryKey.constraintName`),
        columnNames: this.stringList(pk.columnNames, `${at}.primaryKey.columnNames`),
      };
    }
    return schema;
  }

  column(v: unknown, at: string): UnresolvedColumn {
    const o = this.object(v, at);
    const name = this.string(o.name, `${at}.name`);
    switch (o.kind) {
      case 'physical':
        return this.withComment({ kind: 'physical', name, dataType: this.string(o.dataType, `${at}.dataType`) }, o, at);
      case 'computed':
        return this.withComment(
          { kind: 'computed', name, expression: this.string(o.expression, `${at}.expression`) },
          o,
          at,
        );
      case 'metadata': {
        if (typeof o.isVirtual !== 'boolean') this.fail(`${at}.isVirtual`, 'expected a boolean');
        const col: UnresolvedColumn = {
          kind: 'metadata',
          name,
          dataType: this.string(o.dataType, `${at}.dataType`),
          isVirtual: o.isVirtual,
        };
        const key = this.optionalString(o.metadataKey, `${at}.metadataKey`);
        if (key !== undefined) col.metadataKey = key;
        return this.withComment(col, o, at);
      }
      default:
        return this.fail(`${at}.kind`, `expected 'physical', 'computed' or 'metadata', got ${JSON.stringify(o.kind)}`);
    }
  }
}
