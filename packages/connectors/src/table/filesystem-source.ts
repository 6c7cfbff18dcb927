import { relative } from 'node:path';
import {
  InputStatus,
  type ReaderOutput,
  type Source,
  type SourceReader,
  type SourceReaderContext,
} from '@tributary/runtime';
import { listFiles, stableHash } from '../file/file-listing.js';
import { FileSource, type FileSourceSplit, type FileSplit } from '../file/file-source.js';
import type { RowDeserializer } from '../formats/format-factory.js';
import { partitionValuesOf } from './partition-path.js';
import type { Row, TableColumn } from './table-factory.js';

export interface FileSystemSourceSettings {
  readonly path: string;
  readonly columns: readonly TableColumn[];
  readonly partitionKeys: readonly string[];
  readonly defaultPartitionName: string;
  readonly monitorIntervalMs: number | undefined;
  /** A deserializer per reader (they count skipped records and may keep state). */
  readonly deserializer: () => RowDeserializer;
}

/**
 * The filesystem table source: the files below 'path' read line by line with FileSource's reader (exact resume by
 * byte offset), decoded by the format; partition column values come from `k=v` directories of the file's path.
 * Bounded unless 'source.monitor-interval' is set; then new files are picked up every interval (a file is read
 * once; files should appear atomically).
 */
export class FileSystemTableSource implements Source<Row, FileSourceSplit> {
  readonly boundedness: 'bounded' | 'unbounded';
  constructor(readonly settings: FileSystemSourceSettings) {
    this.boundedness = settings.monitorIntervalMs === undefined ? 'bounded' : 'unbounded';
  }

  async createSplits(parallelism: number): Promise<FileSourceSplit[]> {
    if (this.settings.monitorIntervalMs !== undefined) {
      return Array.from({ length: parallelism }, (_, g) => ({
        kind: 'monitor',
        group: g,
        groups: parallelism,
        processed: [],
      }));
    }
    return FileSource.forTextLines(this.settings.path).createSplits(parallelism);
  }

  createReader(ctx: SourceReaderContext): SourceReader<Row, FileSourceSplit> {
    return new FileSystemTableReader(this.settings, ctx);
  }
}

interface OpenFile {
  readonly split: FileSplit;
  readonly reader: SourceReader<string, FileSourceSplit>;
  readonly partitionValues: unknown[];
  readonly startOffset: number;
  line: number;
}

class FileSystemTableReader implements SourceReader<Row, FileSourceSplit> {
  private readonly pending: FileSplit[] = [];
  private current: OpenFile | undefined;
  private readonly groups = new Map<number, Set<string>>();
  private groupCount = 0;
  private readonly deser: RowDeserializer;
  /** For each physical column: index into the decoded data row (>= 0) or -(partition index) - 1. */
  private readonly layout: number[];
  private readonly partitionColumns: { name: string; type: TableColumn['type'] }[];
  private out: ReaderOutput<Row> | undefined;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private readonly lineOut: ReaderOutput<string>;

  constructor(
    private readonly s: FileSystemSourceSettings,
    private readonly ctx: SourceReaderContext,
  ) {
    this.deser = s.deserializer();
    let d = 0;
    this.partitionColumns = s.partitionKeys.map((k) => ({ name: k, type: s.columns.find((c) => c.name === k)!.type }));
    this.layout = s.columns.map((c) => {
      const p = s.partitionKeys.indexOf(c.name);
      return p >= 0 ? -p - 1 : d++;
    });
    this.lineOut = { collect: (line: string) => this.emitLine(line) };
  }

  /** Records skipped by 'ignore-parse-errors'. */
  get skippedRecords(): number {
    return this.deser.skippedRecords;
  }

  addSplits(splits: FileSourceSplit[]): void {
    for (const s of splits) {
      if (s.kind === 'file') this.pending.push({ kind: 'file', path: s.path, offset: s.offset });
      else {
        this.groups.set(s.group, new Set(s.processed));
        this.groupCount = s.groups;
      }
    }
  }

  private emitLine(line: string): void {
    const f = this.current!;
    f.line++;
    const where =
      f.startOffset === 0
        ? `file '${f.split.path}', line ${f.line}`
        : `file '${f.split.path}', line ${f.line} after byte offset ${f.startOffset}`;
    const skipped = this.deser.skippedRecords;
    const data = this.deser.deserialize(line, where);
    if (data === null) {
      if (this.deser.skippedRecords !== skipped) this.ctx.metrics.inc('parseErrorsSkipped');
      return;
    }
    const layout = this.layout;
    const row: Row = new Array(layout.length);
    for (let i = 0; i < layout.length; i++) {
      const j = layout[i]!;
      row[i] = j >= 0 ? data[j] : f.partitionValues[-j - 1];
    }
    this.out!.collect(row);
  }

  private open(split: FileSplit): void {
    const reader = FileSource.forTextLines(split.path).createReader(this.ctx);
    reader.addSplits([split]);
    void reader.start?.();
    const rel = relative(this.s.path, split.path) || split.path;
    const partitionValues =
      this.partitionColumns.length === 0
        ? []
        : partitionValuesOf(rel, this.partitionColumns, this.s.defaultPartitionName);
    this.current = { split, reader, partitionValues, startOffset: split.offset, line: 0 };
  }

  pollNext(out: ReaderOutput<Row>): InputStatus {
    this.out = out;
    for (;;) {
      if (this.current === undefined) {
        const next = this.pending.shift();
        if (next === undefined) {
          return this.s.monitorIntervalMs === undefined ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }
        this.open(next);
      }
      const cur = this.current!;
      const status = cur.reader.pollNext(this.lineOut);
      if (status !== InputStatus.END_OF_INPUT) return status;
      void cur.reader.close?.();
      this.current = undefined;
      if (this.pending.length === 0 && this.s.monitorIntervalMs === undefined) return InputStatus.END_OF_INPUT;
      return InputStatus.MORE_AVAILABLE;
    }
  }

  async isAvailable(): Promise<void> {
    if (this.current !== undefined) return this.current.reader.isAvailable();
    if (this.pending.length > 0 || this.closed) return;
    const iv = this.s.monitorIntervalMs;
    if (iv === undefined) return;
    while (this.pending.length === 0 && !this.closed) {
      if (this.groups.size > 0) await this.scan();
      if (this.pending.length === 0 && !this.closed) {
        await new Promise<void>((r) => {
          this.wake = r;
          this.timer = setTimeout(r, iv);
        });
      }
    }
  }

  private async scan(): Promise<void> {
    const files = await listFiles(this.s.path);
    for (const path of files) {
      const rel = relative(this.s.path, path) || path;
      const taken = this.groups.get(stableHash(rel) % this.groupCount);
      if (taken === undefined || taken.has(rel)) continue;
      taken.add(rel);
      this.pending.push({ kind: 'file', path, offset: 0 });
    }
  }

  snapshotState(checkpointId: number): FileSourceSplit[] {
    const out: FileSourceSplit[] = [];
    if (this.current !== undefined) out.push(...this.current.reader.snapshotState(checkpointId));
    for (const s of this.pending) out.push({ kind: 'file', path: s.path, offset: s.offset });
    for (const [group, processed] of this.groups) {
      out.push({ kind: 'monitor', group, groups: this.groupCount, processed: [...processed] });
    }
    return out;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.wake?.();
    await this.current?.reader.close?.();
  }
}
