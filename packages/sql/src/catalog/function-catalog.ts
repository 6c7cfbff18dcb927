import { didYouMean } from '@tributary/core';
import { normalizeFunctionName } from './abstract-catalog.js';
import type { CatalogManager, IdentifierLike } from './catalog-manager.js';
import {
  CatalogValidationException,
  DatabaseNotExistException,
  FunctionAlreadyExistException,
  FunctionNotExistException,
} from './errors.js';
import { ObjectIdentifier, UnresolvedIdentifier } from './identifiers.js';
import { type LikeFilter, sortedNames } from './like.js';
import type { CatalogFunction } from './objects.js';

/** Names of the built-in functions (the function registry provides them; the catalog layer does not depend on it). */
export interface BuiltinFunctionLookup {
  /** `name` is lower-case: function names are case-insensitive. */
  has(name: string): boolean;
  names(): Iterable<string>;
}

/** A temporary function: a CatalogFunction (CREATE TEMPORARY FUNCTION ... AS 'class') or an in-process definition. */
export type FunctionEntry = { kind: 'catalog'; function: CatalogFunction } | { kind: 'inline'; definition: unknown };

/** Where a function name resolved to, in Flink's order of precedence. */
export type FunctionLookupResult =
  | { kind: 'temporary-system'; name: string; entry: FunctionEntry }
  | { kind: 'builtin'; name: string }
  | { kind: 'temporary-catalog'; identifier: ObjectIdentifier; entry: FunctionEntry }
  | { kind: 'catalog'; identifier: ObjectIdentifier; function: CatalogFunction };

/**
 * Flink's FunctionCatalog. Function names are case-insensitive. A one-part name resolves to a temporary system
 * function, then a built-in function, then a temporary catalog function, then a catalog function (the latter two in
 * the current catalog and database); a qualified name to a temporary catalog function, then a catalog function.
 */
export class FunctionCatalog {
  private readonly temporarySystem = new Map<string, FunctionEntry>();
  private readonly temporaryCatalog = new Map<string, { identifier: ObjectIdentifier; entry: FunctionEntry }>();

  constructor(
    private readonly manager: CatalogManager,
    private readonly builtins: BuiltinFunctionLookup = { has: () => false, names: () => [] },
  ) {}

  // ------ temporary system functions ------

  createTemporarySystemFunction(name: string, entry: FunctionEntry, ignoreIfExists = false): void {
    const key = normalizeFunctionName(name);
    if (this.temporarySystem.has(key)) {
      if (ignoreIfExists) return;
      throw new CatalogValidationException(
        `Could not register temporary system function. A function named '${key}' does already exist.`,
      );
    }
    this.temporarySystem.set(key, structuredCloneEntry(entry));
  }

  dropTemporarySystemFunction(name: string, ignoreIfNotExists = false): boolean {
    const key = normalizeFunctionName(name);
    if (this.temporarySystem.delete(key)) return true;
    if (ignoreIfNotExists) return false;
    throw new CatalogValidationException(
      `Could not drop temporary system function. A function named '${key}' doesn't exist.` +
        didYouMean(key, this.temporarySystem.keys()),
    );
  }

  // ------ temporary catalog functions ------

  createTemporaryCatalogFunction(identifier: IdentifierLike, entry: FunctionEntry, ignoreIfExists = false): void {
    const id = this.qualify(identifier);
    if (this.temporaryCatalog.has(id.key)) {
      if (ignoreIfExists) return;
      throw new CatalogValidationException(
        `Could not register temporary catalog function. A function '${id.asSummaryString()}' does already exist.`,
      );
    }
    this.temporaryCatalog.set(id.key, { identifier: id, entry: structuredCloneEntry(entry) });
  }

  dropTemporaryCatalogFunction(identifier: IdentifierLike, ignoreIfNotExists = false): boolean {
    const id = this.qualify(identifier);
    if (this.temporaryCatalog.delete(id.key)) return true;
    if (ignoreIfNotExists) return false;
    throw new CatalogValidationException(
      `Could not drop temporary catalog function. A function '${id.asSummaryString()}' doesn't exist.` +
        didYouMean(id.objectName, this.temporaryNames(id.catalogName, id.databaseName)),
    );
  }

  isTemporaryCatalogFunction(identifier: IdentifierLike): boolean {
    return this.temporaryCatalog.has(this.qualify(identifier).key);
  }

  // ------ catalog functions ------

  async createCatalogFunction(identifier: IdentifierLike, fn: CatalogFunction, ignoreIfExists = false): Promise<void> {
    const id = this.qualify(identifier);
    if (this.temporaryCatalog.has(id.key)) {
      throw new CatalogValidationException(
        `Could not register catalog function. A temporary function '${id.asSummaryString()}' does already exist. ` +
          'Please drop the temporary function first.',
      );
    }
    const catalog = this.manager.getCatalogOrError(id.catalogName);
    try {
      await catalog.createFunction(id.toObjectPath(), fn, ignoreIfExists);
    } catch (e) {
      if (e instanceof FunctionAlreadyExistException) {
        throw new CatalogValidationException(
          `Could not register catalog function. A function '${id.asSummaryString()}' does already exist.`,
          { cause: e },
        );
      }
      throw e;
    }
  }

  async alterCatalogFunction(
    identifier: IdentifierLike,
    fn: CatalogFunction,
    ignoreIfNotExists = false,
  ): Promise<void> {
    const id = this.qualify(identifier);
    if (this.temporaryCatalog.has(id.key)) {
      throw new CatalogValidationException('Alter temporary catalog function is not supported.');
    }
    await this.manager.getCatalogOrError(id.catalogName).alterFunction(id.toObjectPath(), fn, ignoreIfNotExists);
  }

  async dropCatalogFunction(identifier: IdentifierLike, ignoreIfNotExists = false): Promise<boolean> {
    const id = this.qualify(identifier);
    if (this.temporaryCatalog.has(id.key)) {
      throw new CatalogValidationException(
        `Could not drop catalog function. A temporary function '${id.asSummaryString()}' does already exist. ` +
          'Please drop the temporary function first.',
      );
    }
    const catalog = this.manager.getCatalogOrError(id.catalogName);
    if (await catalog.functionExists(id.toObjectPath())) {
      await catalog.dropFunction(id.toObjectPath(), ignoreIfNotExists);
      return true;
    }
    if (ignoreIfNotExists) return false;
    const names = await catalog.listFunctions(id.databaseName).catch(() => [] as string[]);
    throw new CatalogValidationException(
      `Could not drop catalog function. A function '${id.asSummaryString()}' doesn't exist.${didYouMean(id.objectName, names)}`,
    );
  }

  // ------ resolution ------

  async lookupFunction(identifier: IdentifierLike): Promise<FunctionLookupResult | undefined> {
    const oneName = !(identifier instanceof ObjectIdentifier) && this.parts(identifier).length === 1;
    if (oneName) {
      const name = normalizeFunctionName(this.parts(identifier)[0]!);
      const system = this.temporarySystem.get(name);
      if (system) return { kind: 'temporary-system', name, entry: structuredCloneEntry(system) };
      if (this.builtins.has(name)) return { kind: 'builtin', name };
    }
    const id = this.qualify(identifier);
    const temporary = this.temporaryCatalog.get(id.key);
    if (temporary) return { kind: 'temporary-catalog', identifier: id, entry: structuredCloneEntry(temporary.entry) };
    const catalog = this.manager.getCatalog(id.catalogName);
    if (!catalog) return undefined;
    try {
      return { kind: 'catalog', identifier: id, function: await catalog.getFunction(id.toObjectPath()) };
    } catch (e) {
      if (e instanceof FunctionNotExistException) return undefined;
      throw e;
    }
  }

  /** Like lookupFunction; an unknown function is an error suggesting the closest visible name. */
  async lookupFunctionOrError(identifier: IdentifierLike): Promise<FunctionLookupResult> {
    const found = await this.lookupFunction(identifier);
    if (found) return found;
    const id = this.qualify(identifier);
    const visible = await this.listFunctions(id.catalogName, id.databaseName).catch(() => [] as string[]);
    const written = identifier instanceof ObjectIdentifier ? id.asSummaryString() : this.parts(identifier).join('.');
    throw new CatalogValidationException(
      `No function named '${written}' was found.${didYouMean(id.objectName, visible)}`,
    );
  }

  // ------ listings ------

  /** SHOW USER FUNCTIONS: temporary system functions and the database's temporary and catalog functions. */
  async listUserFunctions(
    catalogName = this.manager.currentCatalog,
    databaseName = this.manager.currentDatabase,
    like?: LikeFilter,
  ): Promise<string[]> {
    const catalog = this.manager.getCatalogOrError(catalogName);
    let permanent: string[] = [];
    try {
      permanent = await catalog.listFunctions(databaseName);
    } catch (e) {
      // A database that only holds temporary functions lists them alone.
      if (!(e instanceof DatabaseNotExistException) || this.temporaryNames(catalogName, databaseName).length === 0)
        throw e;
    }
    return sortedNames(
      [...this.temporarySystem.keys(), ...permanent, ...this.temporaryNames(catalogName, databaseName)],
      like,
    );
  }

  /** SHOW FUNCTIONS: built-in functions plus the user functions. */
  async listFunctions(
    catalogName = this.manager.currentCatalog,
    databaseName = this.manager.currentDatabase,
    like?: LikeFilter,
  ): Promise<string[]> {
    const user = await this.listUserFunctions(catalogName, databaseName);
    return sortedNames([...this.builtins.names(), ...user], like);
  }

  private temporaryNames(catalogName: string, databaseName: string): string[] {
    const out: string[] = [];
    for (const { identifier } of this.temporaryCatalog.values()) {
      if (identifier.catalogName === catalogName && identifier.databaseName === databaseName)
        out.push(identifier.objectName);
    }
    return out;
  }

  private parts(identifier: UnresolvedIdentifier | readonly string[]): string[] {
    return identifier instanceof UnresolvedIdentifier ? identifier.parts : [...identifier];
  }

  /** Qualified identifier with the object name normalized (catalog and database names stay case-sensitive). */
  private qualify(identifier: IdentifierLike): ObjectIdentifier {
    const id = this.manager.qualifyIdentifier(identifier);
    return new ObjectIdentifier(id.catalogName, id.databaseName, normalizeFunctionName(id.objectName));
  }
}

/** Catalog entries are copied; inline definitions are live objects (functions, classes) and are kept by reference. */
function structuredCloneEntry(entry: FunctionEntry): FunctionEntry {
  return entry.kind === 'catalog' ? { kind: 'catalog', function: structuredClone(entry.function) } : entry;
}
