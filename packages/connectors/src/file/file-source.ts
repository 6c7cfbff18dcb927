import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ProgramError } from '@tributary/core';
import {
  InputStatus,
  type ReaderOutput,
  type Source,
  type SourceReader,
  type SourceReaderContext,
} from '@tributary/runtime';
import { listFiles, stableHash } from './file-listing.js';
import { type LineBatch, LineSplitter } from './line-splitter.js';

/** One file from `offset` (the byte just after the last emitted line) to its end. */
export interface FileSplit {
  readonly kind: 'file';
  readonly path: string;
  offset: number;
}

/**
 * Continuous monitoring state of one file group: files are assigned to `groups` groups by a stable hash of their
 * path relative to the source root; a group's owner remembers which of its files it has taken. Groups, not
 * subtasks, own files, so the state redistributes exactly when the parallelism changes.
 */
export interface MonitorSplit {
  readonly kind: 'monitor';
  readonly group: number;
  readonly groups: number;
  readonly processed: string[];
}

export type FileSourceSplit = FileSplit | MonitorSplit;

export interface FileSourceOptions {
  /** Re-scan the directory every this many ms for new files (unbounded source); undefined = read once. */
  readonly monitorIntervalMs?: number;
  /** Bytes per read (default 64 KiB). */
  readonly readChunkBytes?: number;
  /** Reads buffered ahead of the task per subtask (default 8). */
  readonly queuedReads?: number;
}

/**
 * Reads text files line by line (UTF-8; \n or \r\n; the last line may lack a terminator), like Flink's
 * `FileSource.forRecordStreamFormat(new TextLineInputFormat(), path)`. Splits are files; a split's position is
 * the byte offset after the last emitted line, so a restore resumes exactly at the next line. Bounded by default;
 * `monitorContinuously(ms)` makes it unbounded and picks up new files appearing below the directory (files should
 * appear atomically, e.g. written elsewhere then renamed in; names starting with '.' or '_' are ignored).
 */
export class FileSource implements Source<string, FileSourceSplit> {
  readonly boundedness: 'bounded' | 'unbounded';

  private constructor(
    readonly path: string,
    readonly options: FileSourceOptions,
  ) {
    if (typeof path !== 'string' || path === '') throw new ProgramError('FileSource needs a file or directory path');
    const iv = options.monitorIntervalMs;
    if (iv !== undefined && !(iv > 0)) {
      throw new ProgramError(`FileSource.monitorContinuously needs a positive interval in ms, got ${iv}`);
    }
    this.boundedness = iv === undefined ? 'bounded' : 'unbounded';
  }

  static forTextLines(path: string): FileSource {
    return new FileSource(path, {});
  }

  /** Makes the source unbounded: the directory is scanned for new files every `intervalMs`. */
  monitorContinuously(intervalMs: number): FileSource {
    return new FileSource(this.path, { ...this.options, monitorIntervalMs: intervalMs });
  }

  withOptions(options: Omit<FileSourceOptions, 'monitorIntervalMs'>): FileSource {
    return new FileSource(this.path, { ...this.options, ...options });
  }

  async createSplits(parallelism: number): Promise<FileSourceSplit[]> {
    if (this.options.monitorIntervalMs !== undefined) {
      return Array.from({ length: parallelism }, (_, g) => ({
        kind: 'monitor',
        group: g,
        groups: parallelism,
        processed: [],
      }));
    }
    return (await listFiles(this.path)).map((path) => ({ kind: 'file', path, offset: 0 }));
  }

  createReader(ctx: SourceReaderContext): SourceReader<string, FileSourceSplit> {
    return new FileSourceReader(this.path, this.options, ctx);
  }
}

interface Chunk extends LineBatch {
  readonly split: FileSplit;
  pos: number;
  /** The split is done once this chunk is emitted. */
  readonly last: boolean;
}

/**
 * Reads ahead with async file I/O into a bounded queue of line chunks; pollNext only takes from the queue, so it
 * stays synchronous. Splits are read one after another in assignment order.
 */
class FileSourceReader implements SourceReader<string, FileSourceSplit> {
  /** Unfinished file splits (their offsets advance as lines are emitted). */
  private active: FileSplit[] = [];
  private toRead: FileSplit[] = [];
  private readonly queue: Chunk[] = [];
  private readonly groups = new Map<number, Set<string>>();
  private groupCount = 0;
  private readonly chunkBytes: number;
  private readonly maxQueued: number;
  private done = false;
  private closed = false;
  private error: unknown;
  private wakeReader: (() => void) | undefined;
  private wakePump: (() => void) | undefined;
  private scanTimer: NodeJS.Timeout | undefined;
  private wakeSleep: (() => void) | undefined;

  constructor(
    private readonly root: string,
    private readonly options: FileSourceOptions,
    private readonly ctx: SourceReaderContext,
  ) {
    this.chunkBytes = options.readChunkBytes ?? 65536;
    this.maxQueued = options.queuedReads ?? 8;
  }

  addSplits(splits: FileSourceSplit[]): void {
    for (const s of splits) {
      if (s.kind === 'file') {
        const copy: FileSplit = { kind: 'file', path: s.path, offset: s.offset };
        this.active.push(copy);
        this.toRead.push(copy);
      } else {
        this.groups.set(s.group, new Set(s.processed));
        this.groupCount = s.groups;
      }
    }
  }

  start(): void {
    void this.pump();
  }

  pollNext(out: ReaderOutput<string>): InputStatus {
    if (this.error !== undefined) throw this.error;
    let budget = this.ctx.batchSize;
    const queue = this.queue;
    while (budget > 0 && queue.length > 0) {
      const c = queue[0]!;
      const lines = c.lines;
      const stop = Math.min(lines.length, c.pos + budget);
      for (let i = c.pos; i < stop; i++) out.collect(lines[i]!);
      budget -= stop - c.pos;
      if (stop > c.pos) c.split.offset = c.ends[stop - 1]!;
      c.pos = stop;
      if (stop >= lines.length) {
        queue.shift();
        if (c.last) this.active.splice(this.active.indexOf(c.split), 1);
        this.signalPump();
      }
    }
    if (queue.length > 0) return InputStatus.MORE_AVAILABLE;
    return this.done ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
  }

  isAvailable(): Promise<void> {
    if (this.queue.length > 0 || this.done || this.error !== undefined) return Promise.resolve();
    return new Promise((resolve) => (this.wakeReader = resolve));
  }

  snapshotState(): FileSourceSplit[] {
    const out: FileSourceSplit[] = this.active.map((s) => ({ kind: 'file', path: s.path, offset: s.offset }));
    for (const [group, processed] of this.groups) {
      out.push({ kind: 'monitor', group, groups: this.groupCount, processed: [...processed] });
    }
    return out;
  }

  close(): void {
    this.closed = true;
    if (this.scanTimer !== undefined) clearTimeout(this.scanTimer);
    this.wakeSleep?.();
    this.signalPump();
  }

  private signalReader(): void {
    const w = this.wakeReader;
    if (w !== undefined) {
      this.wakeReader = undefined;
      w();
    }
    this.ctx.requestRun();
  }

  private signalPump(): void {
    const w = this.wakePump;
    if (w !== undefined) {
      this.wakePump = undefined;
      w();
    }
  }

  private async pump(): Promise<void> {
    const interval = this.options.monitorIntervalMs;
    try {
      while (!this.closed) {
        const split = this.toRead.shift();
        if (split !== undefined) {
          await this.readSplit(split);
        } else if (interval === undefined) {
          break;
        } else {
          if (this.groups.size > 0) await this.scan();
          if (this.toRead.length === 0) await this.sleep(interval);
        }
      }
      if (interval === undefined) this.done = true;
    } catch (e) {
      this.error = e;
    }
    this.signalReader();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wakeSleep = resolve;
      this.scanTimer = setTimeout(() => {
        this.wakeSleep = undefined;
        resolve();
      }, ms);
    });
  }

  /** Takes new files of this reader's groups. */
  private async scan(): Promise<void> {
    const files = await listFiles(this.root);
    for (const path of files) {
      const rel = relative(this.root, path) || path;
      const taken = this.groups.get(stableHash(rel) % this.groupCount);
      if (taken === undefined || taken.has(rel)) continue;
      taken.add(rel);
      const split: FileSplit = { kind: 'file', path: join(this.root, rel), offset: 0 };
      this.active.push(split);
      this.toRead.push(split);
    }
  }

  private async readSplit(split: FileSplit): Promise<void> {
    let fh: FileHandle;
    try {
      fh = await open(split.path, 'r');
    } catch (e) {
      throw new Error(`FileSource: cannot open '${split.path}': ${(e as Error).message}`, { cause: e });
    }
    try {
      const splitter = new LineSplitter(split.offset);
      // One read buffer per file: the splitter decodes lines right away and copies the unterminated tail.
      const buf = Buffer.allocUnsafe(this.chunkBytes);
      let pos = split.offset;
      while (!this.closed) {
        const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
        if (bytesRead === 0) break;
        pos += bytesRead;
        const batch = splitter.push(buf.subarray(0, bytesRead));
        if (batch.lines.length > 0) await this.enqueue(split, batch, false);
      }
      if (!this.closed) await this.enqueue(split, splitter.end(), true);
    } catch (e) {
      throw new Error(`FileSource: reading '${split.path}' failed: ${(e as Error).message}`, { cause: e });
    } finally {
      await fh.close();
    }
  }

  private async enqueue(split: FileSplit, batch: LineBatch, last: boolean): Promise<void> {
    while (this.queue.length >= this.maxQueued && !this.closed) {
      await new Promise<void>((resolve) => (this.wakePump = resolve));
    }
    this.queue.push({ split, lines: batch.lines, ends: batch.ends, pos: 0, last });
    this.signalReader();
  }
}
