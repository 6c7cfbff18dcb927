import {
  AbstractCatalog,
  type DatabaseState,
  emptyDatabaseState,
  type NextState,
  UNCHANGED,
  type UpdateContext,
} from './abstract-catalog.js';
import { catalogDatabase } from './objects.js';

/** Flink's GenericInMemoryCatalog: everything lives in this process and is gone when it ends. */
export class GenericInMemoryCatalog extends AbstractCatalog {
  static readonly TYPE = 'generic_in_memory';
  /** Default database of a catalog created by CREATE CATALOG ... ('type'='generic_in_memory'), as in Flink. */
  static readonly DEFAULT_DATABASE = 'default';

  readonly type = GenericInMemoryCatalog.TYPE;
  private readonly databases = new Map<string, DatabaseState>();
  /** Serializes updates so an update's copy is never taken while another is between read and write. */
  private updating: Promise<void> = Promise.resolve();

  constructor(name: string, defaultDatabase: string = GenericInMemoryCatalog.DEFAULT_DATABASE) {
    super(name, defaultDatabase);
    // Flink creates the default database in the constructor, so it exists before open().
    this.databases.set(defaultDatabase, emptyDatabaseState(catalogDatabase()));
  }

  async open(): Promise<void> {}

  async close(): Promise<void> {}

  protected async readState(databaseName: string): Promise<DatabaseState | undefined> {
    return this.databases.get(databaseName);
  }

  protected async readDatabaseNames(): Promise<string[]> {
    return [...this.databases.keys()];
  }

  protected updateState(
    databaseName: string,
    fn: (current: DatabaseState | undefined, ctx: UpdateContext) => NextState,
  ): Promise<void> {
    const run = this.updating.then(() => {
      const current = this.databases.get(databaseName);
      // fn works on a copy so that an error thrown half-way leaves the catalog unchanged.
      const next = fn(current === undefined ? undefined : structuredClone(current), {
        databaseNames: () => [...this.databases.keys()],
      });
      if (next === UNCHANGED) return;
      if (next === null) this.databases.delete(databaseName);
      else this.databases.set(databaseName, next);
    });
    this.updating = run.catch(() => {});
    return run;
  }
}
