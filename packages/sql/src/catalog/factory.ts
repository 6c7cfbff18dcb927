import { join } from 'node:path';
import { closestMatch, parseDuration } from '@tributary/core';
import type { Catalog } from './catalog.js';
import { CatalogValidationException } from './errors.js';
import { GenericInMemoryCatalog } from './in-memory-catalog.js';
import { encodeName, PersistentCatalog } from './persistent-catalog.js';

/** What CREATE CATALOG hands a factory. */
export interface CatalogFactoryContext {
  /** Name of the catalog being created. */
  name: string;
  /** The WITH options, 'type' included, already checked against the factory's option lists. */
  options: Readonly<Record<string, string>>;
  /** Tributary's data directory, where persistent catalogs live unless their options say otherwise. */
  dataDir?: string;
}

/** Flink's CatalogFactory: creates catalogs of one 'type'. */
export interface CatalogFactory {
  /** The value of 'type' that selects this factory. */
  readonly identifier: string;
  readonly requiredOptions: readonly string[];
  readonly optionalOptions: readonly string[];
  createCatalog(context: CatalogFactoryContext): Catalog;
}

/** Options every factory accepts (Flink's CommonCatalogOptions). */
const COMMON_OPTIONS = ['type', 'property-version'];

export const genericInMemoryCatalogFactory: CatalogFactory = {
  identifier: GenericInMemoryCatalog.TYPE,
  requiredOptions: [],
  optionalOptions: ['default-database'],
  createCatalog({ name, options }) {
    return new GenericInMemoryCatalog(name, options['default-database'] ?? GenericInMemoryCatalog.DEFAULT_DATABASE);
  },
};

export const persistentCatalogFactory: CatalogFactory = {
  identifier: PersistentCatalog.TYPE,
  requiredOptions: [],
  optionalOptions: ['default-database', 'path', 'lock-timeout'],
  createCatalog({ name, options, dataDir }) {
    let path = options.path;
    if (path === undefined) {
      if (dataDir === undefined) {
        throw new CatalogValidationException(
          `Catalog '${name}' of type '${PersistentCatalog.TYPE}' needs option 'path' (no data directory is configured).`,
        );
      }
      path = defaultCatalogPath(dataDir, name);
    }
    let lockTimeoutMs: number | undefined;
    if (options['lock-timeout'] !== undefined) {
      try {
        lockTimeoutMs = parseDuration(options['lock-timeout']);
      } catch (e) {
        throw new CatalogValidationException(
          `Invalid value for option 'lock-timeout' of catalog '${name}': ${(e as Error).message}`,
        );
      }
    }
    return new PersistentCatalog(name, {
      path,
      defaultDatabase: options['default-database'] ?? PersistentCatalog.DEFAULT_DATABASE,
      lockTimeoutMs,
    });
  },
};

/** Where a persistent catalog named `name` lives under the data directory. */
export function defaultCatalogPath(dataDir: string, name: string): string {
  return join(dataDir, 'catalogs', encodeName(name));
}

/** Catalog factories by 'type' (Flink discovers them with ServiceLoader; here they are registered). */
export class CatalogFactoryRegistry {
  private readonly factories = new Map<string, CatalogFactory>();

  /** A registry with 'generic_in_memory' and 'tributary'. */
  static withBuiltins(): CatalogFactoryRegistry {
    return new CatalogFactoryRegistry().register(genericInMemoryCatalogFactory).register(persistentCatalogFactory);
  }

  register(factory: CatalogFactory): this {
    if (this.factories.has(factory.identifier)) {
      throw new CatalogValidationException(`A catalog factory for type '${factory.identifier}' is already registered.`);
    }
    this.factories.set(factory.identifier, factory);
    return this;
  }

  types(): string[] {
    return [...this.factories.keys()].sort();
  }

  get(type: string): CatalogFactory | undefined {
    return this.factories.get(type);
  }

  /** Validates the options as Flink's FactoryUtil does and creates (does not open) the catalog. */
  createCatalog(name: string, options: Record<string, string>, dataDir?: string): Catalog {
    const type = options.type;
    if (type === undefined) {
      throw new CatalogValidationException(
        `Catalog options of '${name}' do not contain an option key 'type' for discovering a catalog. ` +
          `Available types: ${this.types().join(', ')}.`,
      );
    }
    const factory = this.factories.get(type);
    if (!factory) {
      const guess = closestMatch(type, this.factories.keys());
      throw new CatalogValidationException(
        `Could not find any catalog factory for type '${type}' (catalog '${name}').` +
          (guess ? ` Did you mean '${guess}'?` : '') +
          ` Available types: ${this.types().join(', ')}.`,
      );
    }
    const supported = [...COMMON_OPTIONS, ...factory.requiredOptions, ...factory.optionalOptions];
    const unsupported = Object.keys(options).filter((k) => !supported.includes(k));
    if (unsupported.length > 0) {
      const lines = unsupported.map((k) => {
        const guess = closestMatch(k, supported);
        return guess ? `'${k}' (did you mean '${guess}'?)` : `'${k}'`;
      });
      throw new CatalogValidationException(
        `Unsupported options found for catalog '${name}' of type '${type}': ${lines.join(', ')}. ` +
          `Supported options: ${[...supported].sort().join(', ')}.`,
      );
    }
    const missing = factory.requiredOptions.filter((k) => options[k] === undefined);
    if (missing.length > 0) {
      throw new CatalogValidationException(
        `One or more required options are missing for catalog '${name}' of type '${type}': ${missing.join(', ')}.`,
      );
    }
    const context: CatalogFactoryContext = { name, options: { ...options } };
    if (dataDir !== undefined) context.dataDir = dataDir;
    return factory.createCatalog(context);
  }
}
