import { didYouMean } from '@tributary/core';
import type { Catalog } from './catalog.js';
import {
  CatalogException,
  DatabaseAlreadyExistException,
  DatabaseNotEmptyException,
  DatabaseNotExistException,
  FunctionAlreadyExistException,
  FunctionNotExistException,
  PartitionAlreadyExistsException,
  PartitionNotExistException,
  PartitionSpecInvalidException,
  TableAlreadyExistException,
  TableNotExistException,
  TableNotPartitionedException,
} from './errors.js';
import { ObjectPath } from './identifiers.js';
import {
  type CatalogBaseTable,
  type CatalogDatabase,
  type CatalogFunction,
  type CatalogPartition,
  type CatalogPartitionSpec,
  isPartitioned,
  partitionSpecContains,
  partitionSpecKey,
} from './objects.js';

export interface PartitionEntry {
  spec: CatalogPartitionSpec;
  partition: CatalogPartition;
}

/** Everything a catalog knows about one database; every operation touches exactly one of these. */
export interface DatabaseState {
  database: CatalogDatabase;
  tables: Map<string, CatalogBaseTable>;
  /** Keyed by lower-cased name. */
  functions: Map<string, CatalogFunction>;
  /** Table name -> partition spec key -> entry; present for every partitioned table. */
  partitions: Map<string, Map<string, PartitionEntry>>;
}

/** Returned by an update that changed nothing, so nothing is written. */
export const UNCHANGED: unique symbol = Symbol('unchanged');
/** New state of the database, null to delete it, or UNCHANGED. */
export type NextState = DatabaseState | null | typeof UNCHANGED;

export interface UpdateContext {
  /** Names of all databases, for suggestions in error messages. */
  databaseNames(): string[];
}

/** Function names are case-insensitive (Flink's FunctionIdentifier.normalizeName). */
export function normalizeFunctionName(name: string): string {
  return name.toLowerCase();
}

export function emptyDatabaseState(database: CatalogDatabase): DatabaseState {
  return { database: structuredClone(database), tables: new Map(), functions: new Map(), partitions: new Map() };
}

/**
 * The catalog semantics of Flink's GenericInMemoryCatalog, written once over DatabaseState. Subclasses decide where
 * states live: in memory, or in files with a lock around each update.
 */
export abstract class AbstractCatalog implements Catalog {
  abstract readonly type: string;

  constructor(
    readonly name: string,
    protected readonly defaultDatabase: string,
  ) {
    if (!name?.trim()) throw new CatalogException('Catalog name cannot be null or empty.');
    if (!defaultDatabase?.trim()) throw new CatalogException(`Catalog ${name}: default database cannot be empty.`);
  }

  /** The stored state (callers must not modify it), or undefined when the database does not exist. */
  protected abstract readState(databaseName: string): Promise<DatabaseState | undefined>;
  protected abstract readDatabaseNames(): Promise<string[]>;
  /** Runs `fn` on a private copy of the current state, atomically with respect to other updates, and stores the result. */
  protected abstract updateState(
    databaseName: string,
    fn: (current: DatabaseState | undefined, ctx: UpdateContext) => NextState,
  ): Promise<void>;

  abstract open(): Promise<void>;
  abstract close(): Promise<void>;

  getDefaultDatabase(): string {
    return this.defaultDatabase;
  }

  // ------ databases ------

  async listDatabases(): Promise<string[]> {
    return (await this.readDatabaseNames()).sort();
  }

  async getDatabase(databaseName: string): Promise<CatalogDatabase> {
    return structuredClone((await this.requireState(databaseName)).database);
  }

  async databaseExists(databaseName: string): Promise<boolean> {
    return (await this.readState(databaseName)) !== undefined;
  }

  async createDatabase(name: string, database: CatalogDatabase, ignoreIfExists = false): Promise<void> {
    requireName(name, 'database name');
    await this.updateState(name, (current) => {
      if (current) {
        if (ignoreIfExists) return UNCHANGED;
        throw new DatabaseAlreadyExistException(this.name, name);
      }
      return emptyDatabaseState(database);
    });
  }

  async dropDatabase(name: string, ignoreIfNotExists = false, cascade = false): Promise<void> {
    await this.updateState(name, (current, ctx) => {
      if (!current) {
        if (ignoreIfNotExists) return UNCHANGED;
        throw new DatabaseNotExistException(this.name, name, ctx.databaseNames());
      }
      if (!cascade && (current.tables.size > 0 || current.functions.size > 0)) {
        throw new DatabaseNotEmptyException(this.name, name);
      }
      return null;
    });
  }

  async alterDatabase(name: string, newDatabase: CatalogDatabase, ignoreIfNotExists = false): Promise<void> {
    await this.updateState(name, (current, ctx) => {
      if (!current) {
        if (ignoreIfNotExists) return UNCHANGED;
        throw new DatabaseNotExistException(this.name, name, ctx.databaseNames());
      }
      current.database = structuredClone(newDatabase);
      return current;
    });
  }

  // ------ tables ------

  async listTables(databaseName: string): Promise<string[]> {
    return [...(await this.requireState(databaseName)).tables.keys()].sort();
  }

  async listViews(databaseName: string): Promise<string[]> {
    const state = await this.requireState(databaseName);
    return [...state.tables.entries()]
      .filter(([, t]) => t.kind === 'VIEW')
      .map(([n]) => n)
      .sort();
  }

  async getTable(tablePath: ObjectPath): Promise<CatalogBaseTable> {
    const state = await this.readState(tablePath.databaseName);
    const table = state?.tables.get(tablePath.objectName);
    if (!table)
      throw new TableNotExistException(
        this.name,
        tablePath,
        this.tableHint(tablePath, state, await this.readDatabaseNames()),
      );
    return structuredClone(table);
  }

  async tableExists(tablePath: ObjectPath): Promise<boolean> {
    return (await this.readState(tablePath.databaseName))?.tables.has(tablePath.objectName) ?? false;
  }

  async createTable(tablePath: ObjectPath, table: CatalogBaseTable, ignoreIfExists = false): Promise<void> {
    checkTableKind(table);
    await this.updateState(tablePath.databaseName, (current, ctx) => {
      if (!current) throw new DatabaseNotExistException(this.name, tablePath.databaseName, ctx.databaseNames());
      if (current.tables.has(tablePath.objectName)) {
        if (ignoreIfExists) return UNCHANGED;
        throw new TableAlreadyExistException(this.name, tablePath);
      }
      current.tables.set(tablePath.objectName, structuredClone(table));
      if (isPartitioned(table)) current.partitions.set(tablePath.objectName, new Map());
      return current;
    });
  }

  async alterTable(tablePath: ObjectPath, newTable: CatalogBaseTable, ignoreIfNotExists = false): Promise<void> {
    checkTableKind(newTable);
    await this.updateState(tablePath.databaseName, (current, ctx) => {
      const existing = current?.tables.get(tablePath.objectName);
      if (!current || !existing) {
        if (ignoreIfNotExists) return UNCHANGED;
        throw new TableNotExistException(this.name, tablePath, this.tableHint(tablePath, current, ctx.databaseNames()));
      }
      if (existing.kind !== newTable.kind) {
        throw new CatalogException(
          `Table types don't match. Existing table is '${existing.kind}' and new table is '${newTable.kind}'.`,
        );
      }
      current.tables.set(tablePath.objectName, structuredClone(newTable));
      // Partitions stay while the table stays partitioned by the same keys; Flink keeps them as long as the table
      // exists, but partitions under keys the table no longer has could never be addressed again.
      const oldKeys = existing.kind === 'TABLE' ? existing.partitionKeys.join('\u0000') : '';
      const newKeys = newTable.kind === 'TABLE' ? newTable.partitionKeys.join('\u0000') : '';
      if (!isPartitioned(newTable)) current.partitions.delete(tablePath.objectName);
      else if (oldKeys !== newKeys || !current.partitions.has(tablePath.objectName)) {
        current.partitions.set(tablePath.objectName, new Map());
      }
      return current;
    });
  }

  async renameTable(tablePath: ObjectPath, newTableName: string, ignoreIfNotExists = false): Promise<void> {
    requireName(newTableName, 'new table name');
    await this.updateState(tablePath.databaseName, (current, ctx) => {
      const table = current?.tables.get(tablePath.objectName);
      if (!current || !table) {
        if (ignoreIfNotExists) return UNCHANGED;
        throw new TableNotExistException(this.name, tablePath, this.tableHint(tablePath, current, ctx.databaseNames()));
      }
      if (current.tables.has(newTableName)) {
        throw new TableAlreadyExistException(this.name, new ObjectPath(tablePath.databaseName, newTableName));
      }
      current.tables.delete(tablePath.objectName);
      current.tables.set(newTableName, table);
      const parts = current.partitions.get(tablePath.objectName);
      current.partitions.delete(tablePath.objectName);
      if (parts) current.partitions.set(newTableName, parts);
      return current;
    });
  }

  async dropTable(tablePath: ObjectPath, ignoreIfNotExists = false): Promise<void> {
    await this.updateState(tablePath.databaseName, (current, ctx) => {
      if (!current?.tables.has(tablePath.objectName)) {
        if (ignoreIfNotExists) return UNCHANGED;
        throw new TableNotExistException(this.name, tablePath, this.tableHint(tablePath, current, ctx.databaseNames()));
      }
      current.tables.delete(tablePath.objectName);
      current.partitions.delete(tablePath.objectName);
      return current;
    });
  }

  // ------ functions ------

  async listFunctions(databaseName: string): Promise<string[]> {
    return [...(await this.requireState(databaseName)).functions.keys()].sort();
  }

  async getFunction(functionPath: ObjectPath): Promise<CatalogFunction> {
    const state = await this.readState(functionPath.databaseName);
    const fn = state?.functions.get(normalizeFunctionName(functionPath.objectName));
    if (!fn) {
      throw new FunctionNotExistException(
        this.name,
        normalizePath(functionPath),
        this.functionHint(functionPath, state, await this.readDatabaseNames()),
      );
    }
    return structuredClone(fn);
  }

  async functionExists(functionPath: ObjectPath): Promise<boolean> {
    const state = await this.readState(functionPath.databaseName);
    return state?.functions.has(normalizeFunctionName(functionPath.objectName)) ?? false;
  }

  async createFunction(functionPath: ObjectPath, fn: CatalogFunction, ignoreIfExists = false): Promise<void> {
    const key = normalizeFunctionName(functionPath.objectName);
    await this.updateState(functionPath.databaseName, (current, ctx) => {
      if (!current) throw new DatabaseNotExistException(this.name, functionPath.databaseName, ctx.databaseNames());
      if (current.functions.has(key)) {
        if (ignoreIfExists) return UNCHANGED;
        throw new FunctionAlreadyExistException(this.name, normalizePath(functionPath));
      }
      current.functions.set(key, structuredClone(fn));
      return current;
    });
  }

  async alterFunction(
    functionPath: ObjectPath,
    newFunction: CatalogFunction,
    ignoreIfNotExists = false,
  ): Promise<void> {
    const key = normalizeFunctionName(functionPath.objectName);
    await this.updateState(functionPath.databaseName, (current, ctx) => {
      if (!current?.functions.has(key)) {
        if (ignoreIfNotExists) return UNCHANGED;
        throw new FunctionNotExistException(
          this.name,
          normalizePath(functionPath),
          this.functionHint(functionPath, current, ctx.databaseNames()),
        );
      }
      current.functions.set(key, structuredClone(newFunction));
      return current;
    });
  }

  async dropFunction(functionPath: ObjectPath, ignoreIfNotExists = false): Promise<void> {
    const key = normalizeFunctionName(functionPath.objectName);
    await this.updateState(functionPath.databaseName, (current, ctx) => {
      if (!current?.functions.has(key)) {
        if (ignoreIfNotExists) return UNCHANGED;
        throw new FunctionNotExistException(
          this.name,
          normalizePath(functionPath),
          this.functionHint(functionPath, current, ctx.databaseNames()),
        );
      }
      current.functions.delete(key);
      return current;
    });
  }

  // ------ partitions ------

  async listPartitions(tablePath: ObjectPath, partialSpec?: CatalogPartitionSpec): Promise<CatalogPartitionSpec[]> {
    const state = await this.readState(tablePath.databaseName);
    const parts = this.partitionsOf(tablePath, state, await this.readDatabaseNames());
    const specs = [...parts.values()].map((e) => structuredClone(e.spec));
    // Flink answers an empty list (not an error) when the partial spec names keys the table does not have.
    return partialSpec === undefined ? specs : specs.filter((s) => partitionSpecContains(s, partialSpec));
  }

  async getPartition(tablePath: ObjectPath, spec: CatalogPartitionSpec): Promise<CatalogPartition> {
    const state = await this.readState(tablePath.databaseName);
    const entry = state?.partitions.get(tablePath.objectName)?.get(partitionSpecKey(spec));
    if (!entry) throw new PartitionNotExistException(this.name, tablePath, spec);
    return structuredClone(entry.partition);
  }

  async partitionExists(tablePath: ObjectPath, spec: CatalogPartitionSpec): Promise<boolean> {
    const state = await this.readState(tablePath.databaseName);
    return state?.partitions.get(tablePath.objectName)?.has(partitionSpecKey(spec)) ?? false;
  }

  async createPartition(
    tablePath: ObjectPath,
    spec: CatalogPartitionSpec,
    partition: CatalogPartition,
    ignoreIfExists = false,
  ): Promise<void> {
    await this.updateState(tablePath.databaseName, (current, ctx) => {
      const parts = this.partitionsOf(tablePath, current, ctx.databaseNames());
      const table = current!.tables.get(tablePath.objectName)!;
      const keys = table.kind === 'TABLE' ? table.partitionKeys : [];
      const specKeys = Object.keys(spec);
      if (specKeys.length !== keys.length || !keys.every((k) => Object.hasOwn(spec, k))) {
        throw new PartitionSpecInvalidException(this.name, keys, tablePath, spec);
      }
      const key = partitionSpecKey(spec);
      if (parts.has(key)) {
        if (ignoreIfExists) return UNCHANGED;
        throw new PartitionAlreadyExistsException(this.name, tablePath, spec);
      }
      // Store the spec in partition-key order, so listings print naturally.
      const ordered: CatalogPartitionSpec = {};
      for (const k of keys) ordered[k] = String(spec[k]);
      parts.set(key, { spec: ordered, partition: structuredClone(partition) });
      current!.partitions.set(tablePath.objectName, parts);
      return current!;
    });
  }

  async alterPartition(
    tablePath: ObjectPath,
    spec: CatalogPartitionSpec,
    newPartition: CatalogPartition,
    ignoreIfNotExists = false,
  ): Promise<void> {
    await this.updateState(tablePath.databaseName, (current) => {
      const entry = current?.partitions.get(tablePath.objectName)?.get(partitionSpecKey(spec));
      if (!entry) {
        if (ignoreIfNotExists) return UNCHANGED;
        throw new PartitionNotExistException(this.name, tablePath, spec);
      }
      entry.partition = structuredClone(newPartition);
      return current!;
    });
  }

  async dropPartition(tablePath: ObjectPath, spec: CatalogPartitionSpec, ignoreIfNotExists = false): Promise<void> {
    await this.updateState(tablePath.databaseName, (current) => {
      const parts = current?.partitions.get(tablePath.objectName);
      if (!parts?.delete(partitionSpecKey(spec))) {
        if (ignoreIfNotExists) return UNCHANGED;
        throw new PartitionNotExistException(this.name, tablePath, spec);
      }
      return current!;
    });
  }

  // ------ helpers ------

  private async requireState(databaseName: string): Promise<DatabaseState> {
    const state = await this.readState(databaseName);
    if (!state) throw new DatabaseNotExistException(this.name, databaseName, await this.readDatabaseNames());
    return state;
  }

  /** The table's partition map, or the Flink error for a missing or unpartitioned table. */
  private partitionsOf(
    tablePath: ObjectPath,
    state: DatabaseState | undefined,
    databaseNames: string[],
  ): Map<string, PartitionEntry> {
    const table = state?.tables.get(tablePath.objectName);
    if (!state || !table) {
      throw new TableNotExistException(this.name, tablePath, this.tableHint(tablePath, state, databaseNames));
    }
    if (!isPartitioned(table)) throw new TableNotPartitionedException(this.name, tablePath);
    return state.partitions.get(tablePath.objectName) ?? new Map();
  }

  private tableHint(path: ObjectPath, state: DatabaseState | undefined, databaseNames: string[]): string {
    if (state) return didYouMean(path.objectName, state.tables.keys());
    return ` Database ${path.databaseName} does not exist.${didYouMean(path.databaseName, databaseNames)}`;
  }

  private functionHint(path: ObjectPath, state: DatabaseState | undefined, databaseNames: string[]): string {
    if (state) return didYouMean(normalizeFunctionName(path.objectName), state.functions.keys());
    return ` Database ${path.databaseName} does not exist.${didYouMean(path.databaseName, databaseNames)}`;
  }
}

function normalizePath(path: ObjectPath): ObjectPath {
  return new ObjectPath(path.databaseName, normalizeFunctionName(path.objectName));
}

function requireName(name: string, what: string): void {
  if (typeof name !== 'string' || name.trim() === '')
    throw new CatalogException(`The ${what} cannot be null or empty.`);
}

function checkTableKind(table: CatalogBaseTable): void {
  if (table?.kind !== 'TABLE' && table?.kind !== 'VIEW') {
    throw new CatalogException(
      `Unknown kind of catalog table: ${JSON.stringify((table as any)?.kind)}; expected TABLE or VIEW.`,
    );
  }
}
