import { didYouMean } from '@tributary/core';
import type { Catalog } from './catalog.js';
import {
  CatalogException,
  CatalogNotExistException,
  CatalogValidationException,
  DatabaseNotExistException,
  TableNotExistException,
} from './errors.js';
import { CatalogFactoryRegistry, defaultCatalogPath } from './factory.js';
import { type BuiltinFunctionLookup, FunctionCatalog } from './function-catalog.js';
import { ObjectIdentifier, UnresolvedIdentifier } from './identifiers.js';
import { GenericInMemoryCatalog } from './in-memory-catalog.js';
import { type LikeFilter, sortedNames } from './like.js';
import type { CatalogBaseTable, CatalogDatabase } from './objects.js';
import { PersistentCatalog } from './persistent-catalog.js';
import { validateCatalogBaseTable } from './validation.js';

export const DEFAULT_CATALOG_NAME = 'default_catalog';
export const DEFAULT_DATABASE_NAME = 'default_database';

export interface CatalogManagerOptions {
  /** Default 'default_catalog'. */
  defaultCatalogName?: string;
  /**
   * The built-in catalog. Default: a persistent catalog under `<dataDir>/catalogs/default_catalog` when dataDir is
   * given, else an in-memory one; both with database 'default_database'.
   */
  defaultCatalog?: Catalog;
  /** Tributary's data directory: home of the default catalog and of persistent catalogs created without 'path'. */
  dataDir?: string;
  /** Factories for CREATE CATALOG; default 'generic_in_memory' and 'tributary'. */
  factories?: CatalogFactoryRegistry;
  /** Names of built-in functions, for function resolution and SHOW FUNCTIONS. */
  builtinFunctions?: BuiltinFunctionLookup;
}

/** A table found by the manager (Flink's ContextResolvedTable): permanent tables know their catalog. */
export interface ContextResolvedTable {
  identifier: ObjectIdentifier;
  table: CatalogBaseTable;
  isTemporary: boolean;
  /** The catalog of a permanent table. */
  catalog?: Catalog;
}

export type IdentifierLike = UnresolvedIdentifier | readonly string[] | ObjectIdentifier;

/** Listing scope of SHOW TABLES / VIEWS / DATABASES: [FROM catalog[.database]] [[NOT] LIKE|ILIKE pattern]. */
export interface ShowOptions {
  catalog?: string;
  database?: string;
  like?: LikeFilter;
}

/**
 * Flink's CatalogManager: the registered catalogs, the current catalog and database (USE), qualification of
 * 1/2/3-part identifiers, temporary tables and views that shadow permanent ones, and the SHOW listings. Functions
 * live in `functions` (Flink's FunctionCatalog).
 */
export class CatalogManager {
  readonly builtInCatalogName: string;
  readonly factories: CatalogFactoryRegistry;
  readonly dataDir: string | undefined;
  readonly functions: FunctionCatalog;
  private readonly catalogs = new Map<string, Catalog>();
  private readonly temporaryTables = new Map<string, { identifier: ObjectIdentifier; table: CatalogBaseTable }>();
  private currentCatalogName: string;
  private currentDatabaseName: string;

  private constructor(options: CatalogManagerOptions, defaultCatalog: Catalog) {
    this.builtInCatalogName = options.defaultCatalogName ?? DEFAULT_CATALOG_NAME;
    this.factories = options.factories ?? CatalogFactoryRegistry.withBuiltins();
    this.dataDir = options.dataDir;
    this.catalogs.set(this.builtInCatalogName, defaultCatalog);
    this.currentCatalogName = this.builtInCatalogName;
    this.currentDatabaseName = defaultCatalog.getDefaultDatabase();
    this.functions = new FunctionCatalog(this, options.builtinFunctions);
  }

  /** Creates the manager and opens its default catalog. */
  static async create(options: CatalogManagerOptions = {}): Promise<CatalogManager> {
    const name = options.defaultCatalogName ?? DEFAULT_CATALOG_NAME;
    const catalog =
      options.defaultCatalog ??
      (options.dataDir !== undefined
        ? new PersistentCatalog(name, {
            path: defaultCatalogPath(options.dataDir, name),
            defaultDatabase: DEFAULT_DATABASE_NAME,
          })
        : new GenericInMemoryCatalog(name, DEFAULT_DATABASE_NAME));
    await catalog.open();
    return new CatalogManager(options, catalog);
  }

  /** Closes every catalog; reports all failures together. */
  async close(): Promise<void> {
    const errors: unknown[] = [];
    for (const catalog of this.catalogs.values()) await catalog.close().catch((e) => errors.push(e));
    if (errors.length > 0) {
      throw new CatalogException(
        `Failed to close catalog manager: ${errors.map((e) => (e as Error).message).join('; ')}`,
        { cause: errors[0] },
      );
    }
  }

  // ------ catalogs ------

  /** Registers and opens an already constructed catalog. */
  async registerCatalog(name: string, catalog: Catalog): Promise<void> {
    requireName(name, 'Catalog name');
    if (this.catalogs.has(name)) throw new CatalogException(`Catalog ${name} already exists.`);
    await catalog.open();
    this.catalogs.set(name, catalog);
  }

  /** CREATE CATALOG name WITH (options): the factory is chosen by options.type. */
  async createCatalog(name: string, options: Record<string, string>, ignoreIfExists = false): Promise<void> {
    requireName(name, 'Catalog name');
    if (this.catalogs.has(name)) {
      if (ignoreIfExists) return;
      throw new CatalogException(`Catalog ${name} already exists.`);
    }
    const catalog = this.factories.createCatalog(name, options, this.dataDir);
    await catalog.open();
    this.catalogs.set(name, catalog);
  }

  /** DROP CATALOG: not the current one; the catalog is closed (a persistent catalog's files stay). */
  async unregisterCatalog(name: string, ignoreIfNotExists = false): Promise<void> {
    const catalog = this.catalogs.get(name);
    if (!catalog) {
      if (ignoreIfNotExists) return;
      throw new CatalogNotExistException(name, this.catalogs.keys());
    }
    if (name === this.currentCatalogName)
      throw new CatalogException('Cannot drop a catalog which is currently in use.');
    this.catalogs.delete(name);
    await catalog.close();
  }

  getCatalog(name: string): Catalog | undefined {
    return this.catalogs.get(name);
  }

  getCatalogOrError(name: string): Catalog {
    const catalog = this.catalogs.get(name);
    if (!catalog) throw new CatalogNotExistException(name, this.catalogs.keys());
    return catalog;
  }

  listCatalogs(like?: LikeFilter): string[] {
    return sortedNames(this.catalogs.keys(), like);
  }

  get currentCatalog(): string {
    return this.currentCatalogName;
  }

  get currentDatabase(): string {
    return this.currentDatabaseName;
  }

  /** USE CATALOG: the current database becomes the catalog's default database, as in Flink. */
  useCatalog(name: string): void {
    const catalog = this.catalogs.get(name);
    if (!catalog) {
      throw new CatalogException(
        `A catalog with name [${name}] does not exist.${didYouMean(name, this.catalogs.keys())}`,
      );
    }
    if (name !== this.currentCatalogName) {
      this.currentCatalogName = name;
      this.currentDatabaseName = catalog.getDefaultDatabase();
    }
  }

  /** USE db, or USE catalog.db. */
  async useDatabase(databaseName: string, catalogName?: string): Promise<void> {
    const catalogToUse = catalogName ?? this.currentCatalogName;
    const catalog = this.getCatalogOrError(catalogToUse);
    if (!(await catalog.databaseExists(databaseName))) {
      throw new CatalogException(
        `A database with name [${databaseName}] does not exist in the catalog: [${catalogToUse}].` +
          didYouMean(databaseName, await catalog.listDatabases()),
      );
    }
    this.currentCatalogName = catalogToUse;
    this.currentDatabaseName = databaseName;
  }

  // ------ identifiers ------

  /** Fills in the current catalog and database: t -> cur.curdb.t, db.t -> cur.db.t, c.db.t unchanged. */
  qualifyIdentifier(identifier: IdentifierLike): ObjectIdentifier {
    if (identifier instanceof ObjectIdentifier) return identifier;
    const id = identifier instanceof UnresolvedIdentifier ? identifier : UnresolvedIdentifier.of(...identifier);
    return new ObjectIdentifier(
      id.catalogName ?? this.currentCatalogName,
      id.databaseName ?? this.currentDatabaseName,
      id.objectName,
    );
  }

  // ------ databases ------

  async listDatabases(catalogName = this.currentCatalogName, like?: LikeFilter): Promise<string[]> {
    return sortedNames(await this.getCatalogOrError(catalogName).listDatabases(), like);
  }

  async createDatabase(
    catalogName: string,
    name: string,
    database: CatalogDatabase,
    ignoreIfExists = false,
  ): Promise<void> {
    await this.getCatalogOrError(catalogName).createDatabase(name, database, ignoreIfExists);
  }

  async dropDatabase(catalogName: string, name: string, ignoreIfNotExists = false, cascade = false): Promise<void> {
    if (catalogName === this.currentCatalogName && name === this.currentDatabaseName) {
      throw new CatalogValidationException('Cannot drop a database which is currently in use.');
    }
    await this.getCatalogOrError(catalogName).dropDatabase(name, ignoreIfNotExists, cascade);
  }

  async alterDatabase(
    catalogName: string,
    name: string,
    database: CatalogDatabase,
    ignoreIfNotExists = false,
  ): Promise<void> {
    await this.getCatalogOrError(catalogName).alterDatabase(name, database, ignoreIfNotExists);
  }

  // ------ tables and views ------

  /** The temporary table if one is registered under the identifier, else the permanent one, else undefined. */
  async getTable(identifier: IdentifierLike): Promise<ContextResolvedTable | undefined> {
    const id = this.qualifyIdentifier(identifier);
    const temporary = this.temporaryTables.get(id.key);
    if (temporary) return { identifier: id, table: structuredClone(temporary.table), isTemporary: true };
    return this.getPermanentTable(id);
  }

  /** Like getTable, but an unknown name is an error that says what is missing and suggests what exists. */
  async getTableOrError(identifier: IdentifierLike): Promise<ContextResolvedTable> {
    const id = this.qualifyIdentifier(identifier);
    const found = await this.getTable(id);
    if (found) return found;
    const catalog = this.catalogs.get(id.catalogName);
    if (!catalog)
      throw new CatalogValidationException(new CatalogNotExistException(id.catalogName, this.catalogs.keys()).message);
    const temporaryDatabases = [...this.temporaryTables.values()]
      .filter((t) => t.identifier.catalogName === id.catalogName)
      .map((t) => t.identifier.databaseName);
    if (!(await catalog.databaseExists(id.databaseName)) && !temporaryDatabases.includes(id.databaseName)) {
      const names = [...(await catalog.listDatabases()), ...temporaryDatabases];
      throw new CatalogValidationException(
        new DatabaseNotExistException(id.catalogName, id.databaseName, names).message,
      );
    }
    const names = await this.listTables(id.catalogName, id.databaseName).catch(() => [] as string[]);
    throw new CatalogValidationException(
      `Object '${id.objectName}' not found within '${id.catalogName}.${id.databaseName}'.${didYouMean(id.objectName, names)}`,
    );
  }

  isTemporaryTable(identifier: IdentifierLike): boolean {
    return this.temporaryTables.has(this.qualifyIdentifier(identifier).key);
  }

  /** CREATE TABLE / CREATE VIEW (permanent). A temporary object of the same name may exist and keeps shadowing it. */
  async createTable(table: CatalogBaseTable, identifier: IdentifierLike, ignoreIfExists = false): Promise<void> {
    const id = this.qualifyIdentifier(identifier);
    validateCatalogBaseTable(table, id.asSummaryString());
    await this.catalogFor(id).createTable(id.toObjectPath(), table, ignoreIfExists);
  }

  /** CREATE TEMPORARY TABLE / VIEW: session-only; shadows a permanent object of the same name. */
  createTemporaryTable(table: CatalogBaseTable, identifier: IdentifierLike, ignoreIfExists = false): void {
    const id = this.qualifyIdentifier(identifier);
    if (this.temporaryTables.has(id.key)) {
      if (ignoreIfExists) return;
      throw new CatalogValidationException(`Temporary table '${id}' already exists`);
    }
    validateCatalogBaseTable(table, id.asSummaryString());
    this.temporaryTables.set(id.key, { identifier: id, table: structuredClone(table) });
  }

  /** ALTER TABLE / ALTER VIEW on the permanent object. */
  async alterTable(table: CatalogBaseTable, identifier: IdentifierLike, ignoreIfNotExists = false): Promise<void> {
    const id = this.qualifyIdentifier(identifier);
    this.rejectTemporary(id, 'ALTER');
    validateCatalogBaseTable(table, id.asSummaryString());
    const catalog = this.catalogs.get(id.catalogName);
    if (!catalog) {
      if (ignoreIfNotExists) return;
      throw new CatalogNotExistException(id.catalogName, this.catalogs.keys());
    }
    await catalog.alterTable(id.toObjectPath(), table, ignoreIfNotExists);
  }

  /** ALTER TABLE ... RENAME TO newName (same catalog and database). */
  async renameTable(identifier: IdentifierLike, newTableName: string, ignoreIfNotExists = false): Promise<void> {
    const id = this.qualifyIdentifier(identifier);
    this.rejectTemporary(id, 'RENAME');
    await this.catalogFor(id).renameTable(id.toObjectPath(), newTableName, ignoreIfNotExists);
  }

  /** DROP TABLE: only permanent tables, and only when no temporary table shadows it (Flink's rule). */
  async dropTable(identifier: IdentifierLike, ignoreIfNotExists = false): Promise<void> {
    await this.dropPermanent(this.qualifyIdentifier(identifier), 'TABLE', ignoreIfNotExists);
  }

  /** DROP VIEW: only permanent views, and only when no temporary view shadows it. */
  async dropView(identifier: IdentifierLike, ignoreIfNotExists = false): Promise<void> {
    await this.dropPermanent(this.qualifyIdentifier(identifier), 'VIEW', ignoreIfNotExists);
  }

  /** DROP TEMPORARY TABLE; answers whether something was dropped. */
  dropTemporaryTable(identifier: IdentifierLike, ignoreIfNotExists = false): boolean {
    return this.dropTemporary(this.qualifyIdentifier(identifier), 'TABLE', ignoreIfNotExists);
  }

  /** DROP TEMPORARY VIEW; answers whether something was dropped. */
  dropTemporaryView(identifier: IdentifierLike, ignoreIfNotExists = false): boolean {
    return this.dropTemporary(this.qualifyIdentifier(identifier), 'VIEW', ignoreIfNotExists);
  }

  /** Tables and views, temporary and permanent, of a database (default: the current one), sorted. */
  async listTables(
    catalogName = this.currentCatalogName,
    databaseName = this.currentDatabaseName,
    like?: LikeFilter,
  ): Promise<string[]> {
    const permanent = await this.permanentListing(catalogName, databaseName, (c) => c.listTables(databaseName));
    return sortedNames([...permanent, ...this.temporaryNames(catalogName, databaseName)], like);
  }

  /** Views, temporary and permanent, sorted. */
  async listViews(
    catalogName = this.currentCatalogName,
    databaseName = this.currentDatabaseName,
    like?: LikeFilter,
  ): Promise<string[]> {
    const permanent = await this.permanentListing(catalogName, databaseName, (c) => c.listViews(databaseName));
    return sortedNames([...permanent, ...this.temporaryNames(catalogName, databaseName, 'VIEW')], like);
  }

  listTemporaryTables(catalogName = this.currentCatalogName, databaseName = this.currentDatabaseName): string[] {
    return sortedNames(this.temporaryNames(catalogName, databaseName));
  }

  listTemporaryViews(catalogName = this.currentCatalogName, databaseName = this.currentDatabaseName): string[] {
    return sortedNames(this.temporaryNames(catalogName, databaseName, 'VIEW'));
  }

  // ------ SHOW ------

  showCatalogs(like?: LikeFilter): string[] {
    return this.listCatalogs(like);
  }

  showCurrentCatalog(): string {
    return this.currentCatalogName;
  }

  showCurrentDatabase(): string {
    return this.currentDatabaseName;
  }

  showDatabases(options: ShowOptions = {}): Promise<string[]> {
    return this.listDatabases(options.catalog ?? this.currentCatalogName, options.like);
  }

  showTables(options: ShowOptions = {}): Promise<string[]> {
    const [catalog, database] = this.showScope(options);
    return this.listTables(catalog, database, options.like);
  }

  showViews(options: ShowOptions = {}): Promise<string[]> {
    const [catalog, database] = this.showScope(options);
    return this.listViews(catalog, database, options.like);
  }

  /** SHOW [USER] FUNCTIONS. */
  showFunctions(options: ShowOptions & { userOnly?: boolean } = {}): Promise<string[]> {
    const [catalog, database] = this.showScope(options);
    return options.userOnly
      ? this.functions.listUserFunctions(catalog, database, options.like)
      : this.functions.listFunctions(catalog, database, options.like);
  }

  // ------ helpers ------

  private showScope(options: ShowOptions): [string, string] {
    if (options.catalog !== undefined && options.database === undefined) {
      throw new CatalogValidationException('SHOW ... FROM needs a database: FROM [catalog.]database.');
    }
    return [options.catalog ?? this.currentCatalogName, options.database ?? this.currentDatabaseName];
  }

  private catalogFor(id: ObjectIdentifier): Catalog {
    return this.getCatalogOrError(id.catalogName);
  }

  private async getPermanentTable(id: ObjectIdentifier): Promise<ContextResolvedTable | undefined> {
    const catalog = this.catalogs.get(id.catalogName);
    if (!catalog) return undefined;
    try {
      return { identifier: id, table: await catalog.getTable(id.toObjectPath()), isTemporary: false, catalog };
    } catch (e) {
      if (e instanceof TableNotExistException) return undefined;
      throw e;
    }
  }

  private rejectTemporary(id: ObjectIdentifier, what: string): void {
    const temporary = this.temporaryTables.get(id.key);
    if (temporary) {
      const kind = temporary.table.kind === 'VIEW' ? 'view' : 'table';
      throw new CatalogValidationException(
        `${what} of temporary ${kind} '${id}' is not supported; drop it and create it again.`,
      );
    }
  }

  private async dropPermanent(id: ObjectIdentifier, kind: 'TABLE' | 'VIEW', ignoreIfNotExists: boolean): Promise<void> {
    const word = kind === 'TABLE' ? 'table' : 'view';
    if (this.temporaryTables.get(id.key)?.table.kind === kind) {
      throw new CatalogValidationException(
        `Temporary ${word} with identifier '${id}' exists. Drop it first before removing the permanent ${word}.`,
      );
    }
    const found = await this.getPermanentTable(id);
    if (found && found.table.kind === kind) {
      await found.catalog!.dropTable(id.toObjectPath(), ignoreIfNotExists);
      return;
    }
    if (ignoreIfNotExists) return;
    let hint = '';
    if (found)
      hint = ` '${id.asSummaryString()}' is a ${kind === 'TABLE' ? 'view; use DROP VIEW' : 'table; use DROP TABLE'}.`;
    else if (this.temporaryTables.has(id.key)) {
      hint = ` A temporary ${kind === 'TABLE' ? 'view' : 'table'} has this name; use DROP TEMPORARY ${kind === 'TABLE' ? 'VIEW' : 'TABLE'}.`;
    } else {
      const names = await this.permanentListing(id.catalogName, id.databaseName, (c) =>
        kind === 'TABLE' ? c.listTables(id.databaseName) : c.listViews(id.databaseName),
      ).catch(() => [] as string[]);
      hint = didYouMean(id.objectName, names);
    }
    throw new CatalogValidationException(
      `${kind === 'TABLE' ? 'Table' : 'View'} with identifier '${id.asSummaryString()}' does not exist.${hint}`,
    );
  }

  private dropTemporary(id: ObjectIdentifier, kind: 'TABLE' | 'VIEW', ignoreIfNotExists: boolean): boolean {
    const temporary = this.temporaryTables.get(id.key);
    if (temporary?.table.kind === kind) {
      this.temporaryTables.delete(id.key);
      return true;
    }
    if (ignoreIfNotExists) return false;
    const hint = temporary
      ? ` It is a temporary ${temporary.table.kind === 'VIEW' ? 'view; use DROP TEMPORARY VIEW' : 'table; use DROP TEMPORARY TABLE'}.`
      : didYouMean(id.objectName, this.temporaryNames(id.catalogName, id.databaseName, kind));
    throw new CatalogValidationException(
      `Temporary ${kind === 'TABLE' ? 'table' : 'view'} with identifier '${id.asSummaryString()}' does not exist.${hint}`,
    );
  }

  private temporaryNames(catalogName: string, databaseName: string, kind?: 'TABLE' | 'VIEW'): string[] {
    const out: string[] = [];
    for (const { identifier, table } of this.temporaryTables.values()) {
      if (identifier.catalogName !== catalogName || identifier.databaseName !== databaseName) continue;
      if (kind === undefined || table.kind === kind) out.push(identifier.objectName);
    }
    return out;
  }

  /** A permanent listing; a database that only holds temporary objects lists as empty, as in Flink. */
  private async permanentListing(
    catalogName: string,
    databaseName: string,
    list: (catalog: Catalog) => Promise<string[]>,
  ): Promise<string[]> {
    const catalog = this.getCatalogOrError(catalogName);
    try {
      return await list(catalog);
    } catch (e) {
      if (e instanceof DatabaseNotExistException && this.temporaryNames(catalogName, databaseName).length > 0)
        return [];
      throw e;
    }
  }
}

function requireName(name: string, what: string): void {
  if (typeof name !== 'string' || name.trim() === '') throw new CatalogException(`${what} cannot be null or empty.`);
}
