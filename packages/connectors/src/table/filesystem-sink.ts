import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogicalType } from '@tributary/core';
import { FINAL_CHECKPOINT_ID, type Sink, type SinkWriter, type SinkWriterContext } from '@tributary/runtime';
import { FileSink } from '../file/file-sink.js';
import type { RollingPolicyOptions } from '../file/rolling-policy.js';
import type { RowSerializer } from '../formats/format-factory.js';
import { partitionPathOf } from './partition-path.js';
import { type Row, RowKind } from './table-factory.js';

export interface FileSystemSinkSettings {
  readonly path: string;
  readonly tableName: string;
  /** Physical columns with their index; partition columns are not written into the files. */
  readonly dataColumns: readonly { index: number }[];
  readonly partitionColumns: readonly { name: string; index: number; type: LogicalType }[];
  readonly defaultPartitionName: string;
  readonly rolling: RollingPolicyOptions;
  readonly checkIntervalMs: number;
  /** File name of the success-file commit policy, undefined when that policy is off. */
  readonly successFileName: string | undefined;
  /** 'sink.partition-commit.delay' (process-time trigger). */
  readonly commitDelayMs: number;
  /** A serializer per writer. */
  readonly serializer: () => RowSerializer;
}

interface CommitState {
  readonly partitionCommit: { readonly partition: string; readonly firstSeen: number }[];
}

const isCommitState = (s: unknown): s is CommitState =>
  typeof s === 'object' && s !== null && Array.isArray((s as CommitState).partitionCommit);

/**
 * The filesystem table sink: FileSink (two-phase commit, exactly-once with checkpointing) with one bucket per
 * partition `k1=v1/k2=v2`, files holding the non-partition columns in the table's format.
 *
 * Partition commit (success-file policy, process-time trigger; a non-partitioned table is one partition, its
 * success file goes into 'path'): partitions written before a checkpoint are
 * committed when that checkpoint completes (after FileSink published their files) once 'sink.partition-commit.delay'
 * has passed since the partition was first written; at end of input every written partition is committed. To make
 * `_SUCCESS` cover all rows up to the checkpoint, part files roll at every checkpoint when the policy is on.
 * Each subtask commits the partitions it wrote (writing `_SUCCESS` is idempotent), instead of Flink's single
 * committer task.
 */
export class FileSystemTableSink implements Sink<Row> {
  readonly name = 'Filesystem Sink';
  readonly guarantee = 'exactly-once';
  constructor(readonly settings: FileSystemSinkSettings) {}

  createWriter(ctx: SinkWriterContext): SinkWriter<Row> {
    return new FileSystemTableWriter(this.settings, ctx);
  }
}

class FileSystemTableWriter implements SinkWriter<Row> {
  private readonly inner: SinkWriter<Row>;
  /** Partitions written since the last checkpoint barrier, with the time each was first written. */
  private touched = new Map<string, number>();
  private readonly byCheckpoint = new Map<number, Map<string, number>>();
  private sealedId = -1;

  constructor(
    private readonly s: FileSystemSinkSettings,
    private readonly ctx: SinkWriterContext,
  ) {
    const serializer = s.serializer();
    const data = s.dataColumns;
    const scratch: Row = new Array(data.length);
    const encoder = (row: Row) => {
      // the serializer does not keep the row, so one scratch array serves every record
      for (let i = 0; i < data.length; i++) scratch[i] = row[data[i]!.index];
      return `${serializer.serialize(scratch)}\n`;
    };
    const parts = s.partitionColumns;
    const touched = () => this.touched;
    // a non-partitioned table is one partition: the base path ('')
    const assigner = (row: Row, c: { currentTime: number }) => {
      const p = parts.length === 0 ? '' : partitionPathOf(row, parts, s.defaultPartitionName);
      const t = touched();
      if (!t.has(p)) t.set(p, c.currentTime);
      return p;
    };
    const sink = FileSink.forRowFormat<Row>(s.path, encoder)
      .withBucketAssigner(assigner)
      .withRollingPolicy(s.rolling)
      .withBucketCheckInterval(s.checkIntervalMs);
    const restored = ctx.restoredState;
    const own = restored?.filter(isCommitState) ?? [];
    const innerCtx: SinkWriterContext = { ...ctx, restoredState: restored?.filter((x) => !isCommitState(x)) };
    this.inner = sink.createWriter(innerCtx) as SinkWriter<Row>;
    // The restored checkpoint completed and the inner writer has just published its files: commit its partitions.
    const restoredParts = new Map<string, number>();
    for (const st of own) for (const p of st.partitionCommit) restoredParts.set(p.partition, p.firstSeen);
    if (restoredParts.size > 0) this.commitPartitions(restoredParts, Number.POSITIVE_INFINITY);
  }

  write(row: Row, timestamp: number | undefined): void {
    const k = row.kind;
    if (k !== undefined && k !== RowKind.INSERT) {
      throw new Error(
        `Table sink ${this.s.tableName} ('connector' = 'filesystem') only accepts insert-only changes, got a ${['+I', '-U', '+U', '-D'][k]} row`,
      );
    }
    this.inner.write(row, timestamp);
  }

  flush(endOfInput: boolean): void | Promise<void> {
    const r = this.inner.flush(endOfInput);
    if (!endOfInput || !this.ctx.commitOnEndOfInput) return r;
    return Promise.resolve(r).then(() => {
      // no checkpoint follows: everything was published by the flush
      const all = new Map(this.touched);
      for (const m of this.byCheckpoint.values()) for (const [p, t] of m) all.set(p, t);
      this.byCheckpoint.clear();
      this.touched = new Map();
      this.commitPartitions(all, Number.POSITIVE_INFINITY);
    });
  }

  private seal(checkpointId: number): void {
    if (this.sealedId === checkpointId) return;
    this.sealedId = checkpointId;
    if (this.touched.size > 0) this.byCheckpoint.set(checkpointId, this.touched);
    this.touched = new Map();
  }

  prepareCommit(checkpointId: number): void | Promise<void> {
    this.seal(checkpointId);
    return this.inner.prepareCommit?.(checkpointId);
  }

  snapshotState(checkpointId: number): unknown[] {
    this.seal(checkpointId);
    const inner = this.inner.snapshotState?.(checkpointId) ?? [];
    const partitionCommit: { partition: string; firstSeen: number }[] = [];
    for (const m of this.byCheckpoint.values())
      for (const [partition, firstSeen] of m) partitionCommit.push({ partition, firstSeen });
    return partitionCommit.length === 0 ? inner : [...inner, { partitionCommit } satisfies CommitState];
  }

  async commit(checkpointId: number): Promise<void> {
    await this.inner.commit?.(checkpointId);
    const ready = new Map<string, number>();
    for (const [id, m] of this.byCheckpoint) {
      if (id > checkpointId) continue;
      for (const [p, t] of m) ready.set(p, Math.min(t, ready.get(p) ?? t));
      this.byCheckpoint.delete(id);
    }
    // the commit after the final checkpoint (end of input) commits every partition, whatever the delay
    const now = checkpointId === FINAL_CHECKPOINT_ID ? Number.POSITIVE_INFINITY : Date.now();
    const waiting = this.commitPartitions(ready, now);
    // partitions whose delay has not passed wait for a later checkpoint
    if (waiting.size > 0) this.byCheckpoint.set(checkpointId, waiting);
  }

  /** Writes the success file of each partition whose delay passed by `now`; returns the others. */
  private commitPartitions(parts: Map<string, number>, now: number): Map<string, number> {
    const waiting = new Map<string, number>();
    const name = this.s.successFileName;
    if (name === undefined) return waiting;
    for (const [p, firstSeen] of parts) {
      if (firstSeen + this.s.commitDelayMs > now) {
        waiting.set(p, firstSeen);
        continue;
      }
      const dir = join(this.s.path, p);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, name), '');
    }
    return waiting;
  }

  close(): void | Promise<void> {
    return this.inner.close();
  }
}
