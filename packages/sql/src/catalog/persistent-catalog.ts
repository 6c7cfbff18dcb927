import { readdirSync } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TributaryError } from '@tributary/core';
import {
  AbstractCatalog,
  type DatabaseState,
  emptyDatabaseState,
  type NextState,
  UNCHANGED,
  type UpdateContext,
} from './abstract-catalog.js';
import { removeTempFiles, unlinkDurably, writeFileAtomic } from './atomic-file.js';
import { CatalogException } from './errors.js';
import { FileLock } from './file-lock.js';
import { databaseStateFromJson, databaseStateToJson } from './json-format.js';
import { catalogDatabase } from './objects.js';

export interface PersistentCatalogOptions {
  /** Directory of this catalog; created on open. */
  path: string;
  /** Default 'default_database' (Flink's default catalog's database). */
  defaultDatabase?: string;
  /** Longest wait for another process's update to finish; default 10 s. */
  lockTimeoutMs?: number;
}

/*
 * Layout under `path`:
 *   catalog.json               format marker and the default database name (informational)
 *   LOCK                       exists only while some process updates the catalog (./file-lock.ts)
 *   databases/<name>.json      one file per database: its tables, views, functions and partitions
 * Every catalog operation changes exactly one database, so each one is a single atomic file replacement (or
 * removal): no journal is needed and a crash at any point leaves the previous or the next version.
 * Several processes may use the same directory: each update takes LOCK and re-reads the file first, and reads
 * notice other processes' updates because the file's identity (inode, size, mtime in ns) changes.
 */
export class PersistentCatalog extends AbstractCatalog {
  static readonly TYPE = 'tributary';
  static readonly DEFAULT_DATABASE = 'default_database';

  readonly type = PersistentCatalog.TYPE;
  readonly path: string;
  private readonly databasesDir: string;
  private readonly lock: FileLock;
  private readonly cache = new Map<string, { signature: string; state: DatabaseState }>();
  private updating: Promise<void> = Promise.resolve();
  private isOpen = false;

  constructor(name: string, options: PersistentCatalogOptions) {
    super(name, options.defaultDatabase ?? PersistentCatalog.DEFAULT_DATABASE);
    if (!options.path) throw new CatalogException(`Catalog ${name}: option 'path' is required.`);
    this.path = options.path;
    this.databasesDir = join(this.path, 'databases');
    this.lock = new FileLock(join(this.path, 'LOCK'), {
      timeoutMs: options.lockTimeoutMs ?? 10_000,
      description: `Catalog '${name}' at ${this.path}`,
    });
  }

  /** Creates the directory and the default database if needed, and removes temp files of crashed writers. */
  async open(): Promise<void> {
    if (this.isOpen) return;
    await this.io('create', this.path, () => mkdir(this.databasesDir, { recursive: true }));
    await this.lock.withLock(async () => {
      await removeTempFiles(this.path);
      await removeTempFiles(this.databasesDir);
      const marker = join(this.path, 'catalog.json');
      if (!(await exists(marker))) {
        const doc = { format: 'tributary-catalog', version: 1, defaultDatabase: this.defaultDatabase };
        await writeFileAtomic(marker, JSON.stringify(doc, null, 2) + '\n');
      }
      const file = this.fileOf(this.defaultDatabase);
      if (!(await exists(file))) {
        await writeFileAtomic(file, databaseStateToJson(this.defaultDatabase, emptyDatabaseState(catalogDatabase())));
      }
    });
    this.isOpen = true;
  }

  async close(): Promise<void> {
    await this.updating;
    this.isOpen = false;
    this.cache.clear();
  }

  protected async readState(databaseName: string): Promise<DatabaseState | undefined> {
    this.checkOpen();
    const file = this.fileOf(databaseName);
    const signature = await this.signatureOf(file);
    if (signature === undefined) {
      this.cache.delete(databaseName);
      return undefined;
    }
    const cached = this.cache.get(databaseName);
    if (cached?.signature === signature) return cached.state;
    const state = await this.load(databaseName, file);
    if (state) this.cache.set(databaseName, { signature, state });
    return state;
  }

  protected async readDatabaseNames(): Promise<string[]> {
    this.checkOpen();
    const names = await this.io('list', this.databasesDir, () => readdir(this.databasesDir));
    return databaseNamesOf(names);
  }

  protected updateState(
    databaseName: string,
    fn: (current: DatabaseState | undefined, ctx: UpdateContext) => NextState,
  ): Promise<void> {
    this.checkOpen();
    // In-process updates queue here; other processes are kept out by the lock file.
    const run = this.updating.then(() =>
      this.lock.withLock(async () => {
        const file = this.fileOf(databaseName);
        // Always re-read under the lock: another process may have changed the file since our last read.
        const current = await this.load(databaseName, file);
        const next = fn(current, { databaseNames: () => databaseNamesOf(readdirSync(this.databasesDir)) });
        if (next === UNCHANGED) return;
        this.cache.delete(databaseName);
        if (next === null) {
          await this.io('delete', file, () => unlinkDurably(file));
          return;
        }
        await this.io('write', file, () => writeFileAtomic(file, databaseStateToJson(databaseName, next)));
        const signature = await this.signatureOf(file);
        if (signature !== undefined) this.cache.set(databaseName, { signature, state: next });
      }),
    );
    this.updating = run.catch(() => {});
    return run;
  }

  /** File of a database: the name percent-encoded, upper-case letters included, so it is safe on case-insensitive file systems. */
  fileOf(databaseName: string): string {
    return join(this.databasesDir, encodeName(databaseName) + '.json');
  }

  private async load(databaseName: string, file: string): Promise<DatabaseState | undefined> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new CatalogException(`Catalog '${this.name}' could not read ${file}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    const { name, state } = databaseStateFromJson(text, file);
    if (name !== databaseName) {
      throw new CatalogException(`Catalog file ${file} holds database '${name}', expected '${databaseName}'.`);
    }
    return state;
  }

  private async signatureOf(file: string): Promise<string | undefined> {
    try {
      const s = await stat(file, { bigint: true });
      return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new CatalogException(`Catalog '${this.name}' could not read ${file}: ${(e as Error).message}`, {
        cause: e,
      });
    }
  }

  private checkOpen(): void {
    if (!this.isOpen) throw new CatalogException(`Catalog '${this.name}' is not open; call open() first.`);
  }

  private async io<T>(what: string, path: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof TributaryError) throw e;
      throw new CatalogException(`Catalog '${this.name}' could not ${what} ${path}: ${(e as Error).message}`, {
        cause: e,
      });
    }
  }
}

export function encodeName(name: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(name)) {
    const c = String.fromCharCode(byte);
    out += /[a-z0-9_-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function decodeName(encoded: string): string {
  return decodeURIComponent(encoded);
}

function databaseNamesOf(fileNames: string[]): string[] {
  return fileNames.filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => decodeName(n.slice(0, -5)));
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}
