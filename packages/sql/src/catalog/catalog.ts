import type { ObjectPath } from './identifiers.js';
import type {
  CatalogBaseTable,
  CatalogDatabase,
  CatalogFunction,
  CatalogPartition,
  CatalogPartitionSpec,
} from './objects.js';

/**
 * Flink's Catalog interface (org.apache.flink.table.catalog.Catalog), asynchronous. Semantics and errors follow
 * Flink's GenericInMemoryCatalog: create* with ignoreIfExists, alter/drop/rename with ignoreIfNotExists, and the
 * exceptions of ./errors.ts. Objects returned are copies. Listings are sorted.
 */
export interface Catalog {
  /** Name the catalog is registered under (used in messages). */
  readonly name: string;
  /** The catalog type ('generic_in_memory', 'tributary', ...). */
  readonly type: string;

  /** Called once when the catalog is registered; loads or creates what it needs. */
  open(): Promise<void>;
  close(): Promise<void>;
  getDefaultDatabase(): string;

  // ------ databases ------
  listDatabases(): Promise<string[]>;
  /** @throws DatabaseNotExistException */
  getDatabase(databaseName: string): Promise<CatalogDatabase>;
  databaseExists(databaseName: string): Promise<boolean>;
  /** @throws DatabaseAlreadyExistException unless ignoreIfExists */
  createDatabase(name: string, database: CatalogDatabase, ignoreIfExists?: boolean): Promise<void>;
  /**
   * @throws DatabaseNotExistException unless ignoreIfNotExists
   * @throws DatabaseNotEmptyException when it has tables or functions and cascade is false
   */
  dropDatabase(name: string, ignoreIfNotExists?: boolean, cascade?: boolean): Promise<void>;
  /** @throws DatabaseNotExistException unless ignoreIfNotExists */
  alterDatabase(name: string, newDatabase: CatalogDatabase, ignoreIfNotExists?: boolean): Promise<void>;

  // ------ tables and views ------
  /** Tables and views. @throws DatabaseNotExistException */
  listTables(databaseName: string): Promise<string[]>;
  /** @throws DatabaseNotExistException */
  listViews(databaseName: string): Promise<string[]>;
  /** @throws TableNotExistException */
  getTable(tablePath: ObjectPath): Promise<CatalogBaseTable>;
  tableExists(tablePath: ObjectPath): Promise<boolean>;
  /**
   * @throws DatabaseNotExistException (also when ignoreIfExists)
   * @throws TableAlreadyExistException unless ignoreIfExists
   */
  createTable(tablePath: ObjectPath, table: CatalogBaseTable, ignoreIfExists?: boolean): Promise<void>;
  /**
   * Replaces the table; a table cannot become a view or the reverse (CatalogException).
   * @throws TableNotExistException unless ignoreIfNotExists
   */
  alterTable(tablePath: ObjectPath, newTable: CatalogBaseTable, ignoreIfNotExists?: boolean): Promise<void>;
  /**
   * Renames within the database; partitions move along.
   * @throws TableNotExistException unless ignoreIfNotExists
   * @throws TableAlreadyExistException when the new name is taken
   */
  renameTable(tablePath: ObjectPath, newTableName: string, ignoreIfNotExists?: boolean): Promise<void>;
  /** @throws TableNotExistException unless ignoreIfNotExists */
  dropTable(tablePath: ObjectPath, ignoreIfNotExists?: boolean): Promise<void>;

  // ------ functions (names are case-insensitive: stored lower-case, as Flink normalizes them) ------
  /** @throws DatabaseNotExistException */
  listFunctions(databaseName: string): Promise<string[]>;
  /** @throws FunctionNotExistException */
  getFunction(functionPath: ObjectPath): Promise<CatalogFunction>;
  functionExists(functionPath: ObjectPath): Promise<boolean>;
  /**
   * @throws DatabaseNotExistException
   * @throws FunctionAlreadyExistException unless ignoreIfExists
   */
  createFunction(functionPath: ObjectPath, fn: CatalogFunction, ignoreIfExists?: boolean): Promise<void>;
  /** @throws FunctionNotExistException unless ignoreIfNotExists */
  alterFunction(functionPath: ObjectPath, newFunction: CatalogFunction, ignoreIfNotExists?: boolean): Promise<void>;
  /** @throws FunctionNotExistException unless ignoreIfNotExists */
  dropFunction(functionPath: ObjectPath, ignoreIfNotExists?: boolean): Promise<void>;

  // ------ partitions ------
  /**
   * All partitions, or those containing every entry of partialSpec.
   * @throws TableNotExistException, TableNotPartitionedException
   */
  listPartitions(tablePath: ObjectPath, partialSpec?: CatalogPartitionSpec): Promise<CatalogPartitionSpec[]>;
  /** @throws PartitionNotExistException */
  getPartition(tablePath: ObjectPath, spec: CatalogPartitionSpec): Promise<CatalogPartition>;
  partitionExists(tablePath: ObjectPath, spec: CatalogPartitionSpec): Promise<boolean>;
  /**
   * @throws TableNotExistException, TableNotPartitionedException
   * @throws PartitionSpecInvalidException when the spec does not name exactly the partition keys
   * @throws PartitionAlreadyExistsException unless ignoreIfExists
   */
  createPartition(
    tablePath: ObjectPath,
    spec: CatalogPartitionSpec,
    partition: CatalogPartition,
    ignoreIfExists?: boolean,
  ): Promise<void>;
  /** @throws PartitionNotExistException unless ignoreIfNotExists */
  alterPartition(
    tablePath: ObjectPath,
    spec: CatalogPartitionSpec,
    newPartition: CatalogPartition,
    ignoreIfNotExists?: boolean,
  ): Promise<void>;
  /** @throws PartitionNotExistException unless ignoreIfNotExists */
  dropPartition(tablePath: ObjectPath, spec: CatalogPartitionSpec, ignoreIfNotExists?: boolean): Promise<void>;
}
