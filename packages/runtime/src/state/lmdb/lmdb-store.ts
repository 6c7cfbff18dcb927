import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Database, RootDatabase } from 'lmdb';
import { prefixEnd } from './key-codec.js';

/** Marks a key deleted in the write-back cache until the next flush. */
const TOMBSTONE: unknown = Symbol('tombstone');

type LmdbModule = typeof import('lmdb');
let lmdbModule: LmdbModule | undefined;

/**
 * The native module is required on first use, never at import, so jobs on the heap backend do not load it.
 * (require, not import(): backends are created synchronously while a task deploys.)
 */
function lmdb(): LmdbModule {
  if (lmdbModule === undefined) lmdbModule = createRequire(import.meta.url)('lmdb') as LmdbModule;
  return lmdbModule;
}

/** Keys are latin1 strings (one char per byte, see key-codec.ts); lmdb copies them straight into its key buffer. */
const keyEncoder = {
  writeKey(key: string, target: Buffer, start: number): number {
    return start + target.write(key, start, 'latin1');
  },
  readKey(buffer: Buffer, start: number, end: number): string {
    return buffer.toString('latin1', start, end);
  },
};

export interface LmdbStoreOptions {
  /**
   * Writes are kept in a Map and committed in one lmdb transaction per this many distinct keys. Measured with
   * bench/state/lmdb-bench.mjs (500k keys, 100-byte values): write-through ~165k writes/s, batches of 4096
   * ~510-560k writes/s; random read-modify-write ~100k/s either way (commit cost of scattered pages dominates);
   * larger batches did not help. 0 commits every write at once.
   */
  readonly writeBatchSize?: number;
}

/**
 * One lmdb environment in its own directory with a write-back cache in front: reads see cached writes; every
 * range operation flushes first so it reads committed data. Synchronous throughout (no promise per record).
 */
export class LmdbStore {
  private readonly root: RootDatabase;
  private readonly db: Database<unknown, string>;
  private readonly dirty = new Map<string, unknown>();
  private readonly batchSize: number;
  private closedFlag = false;
  /** Key groups written since the last takeTouched() (for incremental checkpoints). */
  private readonly touchedMap = new Uint8Array(65536);
  private touchedList: number[] = [];
  private touchedAll = false;

  constructor(
    readonly path: string,
    options: LmdbStoreOptions = {},
  ) {
    this.batchSize = options.writeBatchSize ?? 4096;
    // The directory holds only a working copy: state survives failures through checkpoints, so start empty.
    rmSync(path, { recursive: true, force: true });
    mkdirSync(path, { recursive: true });
    this.root = lmdb().open({
      path,
      // No fsync: durability comes from checkpoints, not from this file.
      noSync: true,
      cache: false,
      compression: false,
      // Random reads of state bigger than memory: read-ahead only wastes page cache.
      noReadAhead: true,
      // useWritemap flushed random updates ~2x faster in bench/state but aborted the process in the test suite
      // (lmdb assertion in mdb_freelist_save), so it stays off.
      keyEncoder,
      encoding: 'msgpack',
      // Same value fidelity as the heap backend's structuredClone: Map, Set, Date, bigint, typed arrays, cycles.
      structuredClone: true,
      useBigIntExtension: true,
      moreTypes: true,
      // Record structures are shared through this key; key group 0xffff is beyond any max parallelism.
      sharedStructuresKey: '\u00ff\u00ff\u00ff\u00ff',
    } as never) as RootDatabase;
    this.db = this.root as unknown as Database<unknown, string>;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  get(key: string): unknown {
    const d = this.dirty.get(key);
    if (d !== undefined) return d === TOMBSTONE ? undefined : d;
    return this.db.get(key);
  }

  /** Whether the key exists (a stored value may itself be undefined, e.g. a map entry). */
  has(key: string): boolean {
    const d = this.dirty.get(key);
    if (d !== undefined) return d !== TOMBSTONE;
    return this.db.doesExist(key);
  }

  private touch(key: string): void {
    if (key.length < 2) {
      this.touchedAll = true;
      return;
    }
    const kg = (key.charCodeAt(0) << 8) | key.charCodeAt(1);
    if (this.touchedMap[kg] === 0) {
      this.touchedMap[kg] = 1;
      this.touchedList.push(kg);
    }
  }

  /** Key groups changed since the previous call ('all' when a change could span key groups). */
  takeTouched(): number[] | 'all' {
    const result: number[] | 'all' = this.touchedAll ? 'all' : this.touchedList;
    for (const kg of this.touchedList) this.touchedMap[kg] = 0;
    this.touchedList = [];
    this.touchedAll = false;
    return result;
  }

  /** The dirty map cannot hold undefined distinctly, so undefined values are written through at once. */
  put(key: string, value: unknown): void {
    this.touch(key);
    if (value === undefined) {
      this.dirty.delete(key);
      this.db.putSync(key, undefined);
      return;
    }
    this.dirty.set(key, value);
    if (this.dirty.size >= this.batchSize) this.flush();
  }

  remove(key: string): void {
    this.touch(key);
    this.dirty.set(key, TOMBSTONE);
    if (this.dirty.size >= this.batchSize) this.flush();
  }

  flush(): void {
    if (this.dirty.size === 0) return;
    const db = this.db;
    const dirty = this.dirty;
    db.transactionSync(() => {
      for (const [k, v] of dirty) {
        if (v === TOMBSTONE) db.remove(k);
        else db.put(k, v);
      }
    });
    dirty.clear();
  }

  /** Entries whose key starts with `prefix` (committed data; the cache is flushed first). */
  *scan(prefix: string, end: string = prefixEnd(prefix)): Generator<{ key: string; value: unknown }> {
    this.flush();
    for (const e of this.db.getRange({ start: prefix, end })) yield e as { key: string; value: unknown };
  }

  /** Keys only, between `start` (inclusive) and `end` (exclusive). */
  *keys(start: string, end: string): Generator<string> {
    this.flush();
    for (const k of this.db.getKeys({ start, end })) yield k as string;
  }

  /** Removes every entry whose key starts with `prefix`. */
  removePrefix(prefix: string): void {
    this.touch(prefix);
    this.flush();
    const keys = [...this.db.getKeys({ start: prefix, end: prefixEnd(prefix) })];
    if (keys.length === 0) return;
    const db = this.db;
    db.transactionSync(() => {
      for (const k of keys) db.remove(k as string);
    });
  }

  hasPrefix(prefix: string): boolean {
    this.flush();
    for (const _ of this.db.getKeys({ start: prefix, end: prefixEnd(prefix), limit: 1 })) return true;
    return false;
  }

  count(start: string, end: string): number {
    this.flush();
    return this.db.getCount({ start, end });
  }

  async close(): Promise<void> {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.dirty.clear();
    await this.root.close();
    rmSync(this.path, { recursive: true, force: true });
  }
}
