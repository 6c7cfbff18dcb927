import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, truncateSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SinkWriter, SinkWriterContext } from '@tributary/runtime';
import { type BucketAssigner, checkBucketId } from './bucket-assigner.js';
import type { DefaultRollingPolicy } from './rolling-policy.js';

/** A part file written up to a checkpoint and closed, waiting for the checkpoint to complete. */
export interface PendingFileState {
  readonly tmp: string;
  readonly final: string;
  readonly checkpointId: number;
}

/** The open part file of a bucket at a checkpoint: its first `validLength` bytes belong to the checkpoint. */
export interface InProgressFileState {
  readonly tmp: string;
  readonly final: string;
  readonly validLength: number;
}

/** Writer state in a checkpoint (one entry per writer subtask; JSON-friendly). */
export interface FileSinkWriterState {
  readonly version: 1;
  readonly pending: PendingFileState[];
  readonly inProgress: InProgressFileState[];
}

export interface FileSinkWriterConfig<T> {
  readonly basePath: string;
  readonly encoder: (value: T) => string | Uint8Array;
  readonly assigner: BucketAssigner<T>;
  readonly policy: DefaultRollingPolicy;
  readonly partPrefix: string;
  readonly partSuffix: string;
  readonly bucketCheckIntervalMs: number;
}

interface PartFile {
  readonly tmp: string;
  readonly final: string;
  fd: number;
  /** Bytes written, buffered ones included. */
  size: number;
  readonly createdAt: number;
  lastWriteAt: number;
  buffer: (string | Uint8Array)[];
  bufferedBytes: number;
}

interface Bucket {
  readonly dir: string;
  part: PartFile | undefined;
}

const WRITE_BUFFER_BYTES = 64 * 1024;

/**
 * Writes rows into part files per bucket and publishes them with two-phase commit:
 *  in-progress (hidden `.part-...inprogress`, appended to) -> pending (closed and fsynced, rolled by the policy
 *  before a checkpoint) -> committed (renamed to the visible `part-<uuid>-<subtask>-<n>` when that checkpoint
 *  completes). A rename within one directory is atomic and happens after fsync, so a visible file is always
 *  complete. File operations are synchronous and buffered; they block the task thread only at flushes, rolls,
 *  checkpoints and commits.
 */
export class FileSinkWriter<T> implements SinkWriter<T> {
  private readonly buckets = new Map<string, Bucket>();
  /** Rolled since the last checkpoint. */
  private rolled: { tmp: string; final: string }[] = [];
  private readonly pendingByCheckpoint = new Map<number, { tmp: string; final: string }[]>();
  private readonly uuid = randomUUID();
  private counter = 0;
  private sealed: { id: number; state: FileSinkWriterState } | undefined;
  private readonly timer: NodeJS.Timeout;
  private timerError: unknown;

  constructor(
    private readonly config: FileSinkWriterConfig<T>,
    private readonly ctx: SinkWriterContext,
  ) {
    if (ctx.restoredState) for (const s of ctx.restoredState) this.recover(s as FileSinkWriterState);
    // Time-based rolls of idle buckets (Flink's bucket check interval). Rolling only closes files, it never
    // publishes them, so running between records is safe.
    this.timer = setInterval(() => this.rollOnTime(), config.bucketCheckIntervalMs);
    this.timer.unref();
  }

  write(value: T, timestamp: number | undefined): void {
    if (this.timerError !== undefined) throw this.timerError;
    const now = Date.now();
    const id = this.config.assigner(value, { timestamp, currentTime: now });
    let bucket = this.buckets.get(id);
    if (bucket === undefined) {
      bucket = { dir: join(this.config.basePath, checkBucketId(id)), part: undefined };
      this.buckets.set(id, bucket);
    }
    let part = bucket.part;
    if (part !== undefined && this.config.policy.shouldRollOnEvent(part, now)) {
      this.roll(bucket);
      part = undefined;
    }
    if (part === undefined) part = this.openPart(bucket, now);
    const data = this.config.encoder(value);
    const n = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    part.buffer.push(data);
    part.bufferedBytes += n;
    part.size += n;
    part.lastWriteAt = now;
    if (part.bufferedBytes >= WRITE_BUFFER_BYTES) this.flushPart(part);
  }

  flush(endOfInput: boolean): void {
    if (!endOfInput) {
      for (const b of this.buckets.values()) if (b.part) this.flushPart(b.part);
      return;
    }
    for (const b of this.buckets.values()) if (b.part) this.roll(b);
    // With checkpointing, the final checkpoint records the rolled files as pending and its commit publishes them,
    // so a crash before the job ends cannot publish rows that a restore would produce again.
    if (!this.ctx.commitOnEndOfInput) return;
    // Without checkpoints everything written is final (there is no later checkpoint to wait for).
    const all = [...this.pendingByCheckpoint.values()].flat().concat(this.rolled);
    this.pendingByCheckpoint.clear();
    this.rolled = [];
    this.publishAll(all);
  }

  prepareCommit(checkpointId: number): void {
    this.seal(checkpointId);
  }

  snapshotState(checkpointId: number): FileSinkWriterState[] {
    const s = this.seal(checkpointId);
    return [{ version: 1, pending: s.pending.map((p) => ({ ...p })), inProgress: s.inProgress.map((p) => ({ ...p })) }];
  }

  commit(checkpointId: number): void {
    const files: { tmp: string; final: string }[] = [];
    for (const [id, list] of this.pendingByCheckpoint) {
      if (id <= checkpointId) {
        files.push(...list);
        this.pendingByCheckpoint.delete(id);
      }
    }
    this.publishAll(files);
  }

  /** Releases files; in-progress data stays hidden (a restore decides what becomes visible). */
  close(): void {
    clearInterval(this.timer);
    for (const b of this.buckets.values()) {
      const p = b.part;
      if (p === undefined) continue;
      try {
        this.flushPart(p);
      } finally {
        closeSync(p.fd);
        b.part = undefined;
      }
    }
  }

  /**
   * The checkpoint boundary, taken once per checkpoint by whichever of snapshotState/prepareCommit runs first
   * (both run at the barrier, before any later record): rolled files become pending for this checkpoint and open
   * part files are made durable up to their current length.
   */
  private seal(checkpointId: number): FileSinkWriterState {
    if (this.sealed?.id === checkpointId) return this.sealed.state;
    if (this.timerError !== undefined) throw this.timerError;
    const now = Date.now();
    const inProgress: InProgressFileState[] = [];
    for (const [id, b] of this.buckets) {
      const p = b.part;
      if (p !== undefined) {
        const policy = this.config.policy;
        if (policy.shouldRollOnCheckpoint(p) || policy.shouldRollOnProcessingTime(p, now)) this.roll(b);
        else {
          this.flushPart(p);
          fsyncSync(p.fd);
          inProgress.push({ tmp: p.tmp, final: p.final, validLength: p.size });
        }
      }
      if (b.part === undefined) this.buckets.delete(id);
    }
    if (this.rolled.length > 0) this.pendingByCheckpoint.set(checkpointId, this.rolled);
    this.rolled = [];
    const pending: PendingFileState[] = [];
    for (const [id, list] of this.pendingByCheckpoint) for (const f of list) pending.push({ ...f, checkpointId: id });
    const state: FileSinkWriterState = { version: 1, pending, inProgress };
    this.sealed = { id: checkpointId, state };
    return state;
  }

  private openPart(bucket: Bucket, now: number): PartFile {
    const { partPrefix, partSuffix } = this.config;
    const name = `${partPrefix}-${this.uuid}-${this.ctx.subtaskIndex}-${this.counter++}`;
    mkdirSync(bucket.dir, { recursive: true });
    const tmp = join(bucket.dir, `.${name}${partSuffix}.inprogress`);
    const part: PartFile = {
      tmp,
      final: join(bucket.dir, name + partSuffix),
      fd: openSync(tmp, 'wx'),
      size: 0,
      createdAt: now,
      lastWriteAt: now,
      buffer: [],
      bufferedBytes: 0,
    };
    bucket.part = part;
    return part;
  }

  private flushPart(p: PartFile): void {
    if (p.bufferedBytes === 0) return;
    const chunks = p.buffer;
    const bytes = chunks.every((c) => typeof c === 'string')
      ? Buffer.from((chunks as string[]).join(''), 'utf8')
      : Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));
    let off = 0;
    while (off < bytes.length) off += writeSync(p.fd, bytes, off, bytes.length - off);
    p.buffer = [];
    p.bufferedBytes = 0;
  }

  /** Closes the bucket's part file durably; it becomes pending at the next checkpoint. */
  private roll(bucket: Bucket): void {
    const p = bucket.part;
    if (p === undefined) return;
    this.flushPart(p);
    fsyncSync(p.fd);
    closeSync(p.fd);
    bucket.part = undefined;
    this.rolled.push({ tmp: p.tmp, final: p.final });
  }

  private rollOnTime(): void {
    const now = Date.now();
    try {
      for (const b of this.buckets.values()) {
        if (b.part !== undefined && this.config.policy.shouldRollOnProcessingTime(b.part, now)) this.roll(b);
      }
    } catch (e) {
      // A timer must not crash the process: the error fails the task at its next write or checkpoint.
      this.timerError ??= e;
    }
  }

  /** Restores a writer state of a completed checkpoint: its pending and in-progress files become final. */
  private recover(s: FileSinkWriterState): void {
    if (s?.version !== 1) throw new Error(`FileSink: unknown writer state ${JSON.stringify(s)?.slice(0, 200)}`);
    const files: { tmp: string; final: string }[] = [...s.pending];
    for (const f of s.inProgress) {
      // Data after validLength was written after the checkpoint and will be replayed: cut it off.
      if (existsSync(f.tmp)) {
        truncateSync(f.tmp, f.validLength);
        const fd = openSync(f.tmp, 'r+');
        try {
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
      }
      files.push(f);
    }
    this.publishAll(files);
  }

  /** Renames pending files to their final names (idempotent: a file already committed is skipped). */
  private publishAll(files: readonly { tmp: string; final: string }[]): void {
    const dirs = new Set<string>();
    for (const f of files) {
      if (existsSync(f.tmp)) {
        renameSync(f.tmp, f.final);
        dirs.add(dirname(f.final));
      } else if (!existsSync(f.final)) {
        throw new Error(`FileSink: pending part file '${f.tmp}' is missing and was never committed`);
      }
    }
    // Make the renames durable.
    for (const d of dirs) {
      const fd = openSync(d, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  }
}
