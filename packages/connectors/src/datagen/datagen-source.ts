import { ProgramError } from '@tributary/core';
import {
  InputStatus,
  type ReaderOutput,
  type Source,
  type SourceReader,
  type SourceReaderContext,
} from '@tributary/runtime';
import { compileFields, type FieldSpecs, type RowOf, rowsOfFields } from './field-specs.js';

/**
 * A range of row indexes: next, next+stride, ... while < end (end null = unbounded). Bounded sources use
 * contiguous ranges (stride 1); unbounded ones interleave (subtask i of p takes i, i+p, ...). JSON-friendly.
 */
export interface DataGenSplit {
  next: number;
  readonly end: number | null;
  readonly stride: number;
}

export interface DataGeneratorOptions<T> {
  /** Rows to produce in total; omitted = unbounded (unless a sequence field bounds it). */
  numberOfRows?: number;
  /** Rate limit of the whole source (divided evenly among its subtasks); omitted = as fast as possible. */
  rowsPerSecond?: number;
  /** Seed of the random fields (default 0): the same seed gives the same rows. */
  seed?: number;
  /**
   * Bounded sources give each subtask a contiguous index range by default; interleaved gives subtask i of p the
   * indexes i, i+p, ... so that event time advances evenly across subtasks.
   */
  interleaved?: boolean;
  /** Event timestamp of a row (optional). */
  timestamps?: (value: T, index: number) => number;
}

/**
 * Flink-like datagen: rows from a generator function of the row index, or from field specs. Parallel through
 * splits of the index range, exactly resumable (a split's state is its next index), optionally rate limited.
 * A poll emits a whole batch in a tight loop; the rate limiter waits with a timer, never by spinning.
 */
export class DataGeneratorSource<T> implements Source<T, DataGenSplit> {
  readonly boundedness: 'bounded' | 'unbounded';
  private readonly rows: number | undefined;
  private readonly rate: number | undefined;

  constructor(
    private readonly generator: (index: number) => T,
    private readonly options: DataGeneratorOptions<T> = {},
    boundedRows?: number,
  ) {
    if (typeof generator !== 'function')
      throw new ProgramError('DataGeneratorSource needs a generator function (index) => value');
    const n = options.numberOfRows;
    if (n !== undefined && (!Number.isSafeInteger(n) || n < 0)) {
      throw new ProgramError(`DataGeneratorSource numberOfRows must be a non-negative integer, got ${n}`);
    }
    const r = options.rowsPerSecond;
    if (r !== undefined && !(r > 0 && Number.isFinite(r))) {
      throw new ProgramError(`DataGeneratorSource rowsPerSecond must be a positive number, got ${r}`);
    }
    this.rows = n === undefined ? boundedRows : boundedRows === undefined ? n : Math.min(n, boundedRows);
    this.rate = r;
    this.boundedness = this.rows === undefined ? 'unbounded' : 'bounded';
  }

  /** Rows built from field specs (see `DataGen`); sequence fields bound the source like in Flink. */
  static fromFields<F extends FieldSpecs>(
    fields: F,
    options: DataGeneratorOptions<RowOf<F>> = {},
  ): DataGeneratorSource<RowOf<F>> {
    return new DataGeneratorSource(compileFields(fields, options.seed ?? 0), options, rowsOfFields(fields));
  }

  createSplits(parallelism: number): DataGenSplit[] {
    const rows = this.rows;
    if (rows === undefined) {
      return Array.from({ length: parallelism }, (_, i) => ({ next: i, end: null, stride: parallelism }));
    }
    const n = Math.max(0, Math.min(parallelism, rows));
    if (this.options.interleaved) {
      return Array.from({ length: n }, (_, i) => ({ next: i, end: rows, stride: n }));
    }
    const splits: DataGenSplit[] = [];
    for (let i = 0; i < n; i++) {
      splits.push({ next: Math.floor((rows * i) / n), end: Math.floor((rows * (i + 1)) / n), stride: 1 });
    }
    return splits;
  }

  createReader(ctx: SourceReaderContext): SourceReader<T, DataGenSplit> {
    const perSubtask = this.rate === undefined ? undefined : this.rate / ctx.parallelism;
    return new DataGenReader(this.generator, this.options.timestamps, ctx.batchSize, perSubtask);
  }
}

class DataGenReader<T> implements SourceReader<T, DataGenSplit> {
  private readonly splits: DataGenSplit[] = [];
  private cursor = 0;
  private readonly limiter: RateLimiter | undefined;

  constructor(
    private readonly gen: (index: number) => T,
    private readonly tsOf: ((value: T, index: number) => number) | undefined,
    private readonly batchSize: number,
    rate: number | undefined,
  ) {
    this.limiter = rate === undefined ? undefined : new RateLimiter(rate);
  }

  addSplits(splits: DataGenSplit[]): void {
    for (const s of splits) this.splits.push({ next: s.next, end: s.end, stride: s.stride });
  }

  pollNext(out: ReaderOutput<T>): InputStatus {
    const splits = this.splits;
    if (splits.length === 0) return InputStatus.END_OF_INPUT;
    let budget = this.batchSize;
    if (this.limiter !== undefined) {
      budget = Math.min(budget, this.limiter.permits());
      if (budget <= 0) return InputStatus.NOTHING_AVAILABLE;
    }
    // Splits take turns batch by batch, so unbounded interleaved splits all advance.
    if (this.cursor >= splits.length) this.cursor = 0;
    const s = splits[this.cursor]!;
    const stride = s.stride;
    let i = s.next;
    let count = budget;
    if (s.end !== null) count = Math.min(count, Math.ceil((s.end - i) / stride));
    const gen = this.gen;
    const tsOf = this.tsOf;
    if (tsOf === undefined) {
      if (stride === 1) {
        const stop = i + count;
        for (; i < stop; i++) out.collect(gen(i));
      } else {
        for (let k = 0; k < count; k++, i += stride) out.collect(gen(i));
      }
    } else {
      for (let k = 0; k < count; k++, i += stride) {
        const v = gen(i);
        out.collect(v, tsOf(v, i));
      }
    }
    s.next = i;
    this.limiter?.consume(count);
    if (s.end !== null && i >= s.end) splits.splice(this.cursor, 1);
    else this.cursor++;
    if (splits.length === 0) return InputStatus.END_OF_INPUT;
    return this.limiter !== undefined && this.limiter.permits() <= 0
      ? InputStatus.NOTHING_AVAILABLE
      : InputStatus.MORE_AVAILABLE;
  }

  async isAvailable(): Promise<void> {
    const l = this.limiter;
    if (l === undefined) return;
    // Timers may fire a fraction of a millisecond early: wait until a row is really allowed.
    while (l.permits() <= 0) await new Promise((resolve) => setTimeout(resolve, Math.max(1, l.waitMs())));
  }

  snapshotState(): DataGenSplit[] {
    return this.splits.map((s) => ({ next: s.next, end: s.end, stride: s.stride }));
  }
}

/**
 * Smooth rate limit: by elapsed time t the reader may have emitted floor(rate * t) + 1 rows. Starts at the first
 * poll; a restored reader starts afresh.
 */
class RateLimiter {
  private start = -1;
  private emitted = 0;
  constructor(private readonly rate: number) {}

  private elapsedMs(): number {
    const now = performance.now();
    if (this.start < 0) this.start = now;
    return now - this.start;
  }

  permits(): number {
    return Math.floor((this.rate * this.elapsedMs()) / 1000) + 1 - this.emitted;
  }

  consume(n: number): void {
    this.emitted += n;
  }

  /** Milliseconds until the next row is allowed. */
  waitMs(): number {
    const due = (this.emitted * 1000) / this.rate;
    return Math.max(0, Math.ceil(due - this.elapsedMs()));
  }
}
