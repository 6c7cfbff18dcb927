import { InputStatus, OneInputOperator, type ReaderOutput, type Source, type SourceReader } from '@tributary/runtime';

/** An async iterable the test feeds: push() values, end() to finish. */
export class PushQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private ended = false;
  private wake: (() => void) | undefined;
  push(...values: T[]): void {
    this.items.push(...values);
    this.wake?.();
  }
  end(): void {
    this.ended = true;
    this.wake?.();
  }
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      while (this.items.length > 0) yield this.items.shift()!;
      if (this.ended) return;
      await new Promise<void>((r) => (this.wake = r));
      this.wake = undefined;
    }
  }
}

/**
 * An unbounded parallel source with one split per subtask; the test pushes values into a split's queue. Runs
 * in-process only (the readers share this object).
 */
export class PushSource<T> implements Source<T, number> {
  readonly boundedness = 'unbounded' as const;
  private readonly queues: T[][];
  private readonly ended: boolean[];
  private readonly waiters: (() => void)[] = [];
  constructor(readonly splits: number) {
    this.queues = Array.from({ length: splits }, () => []);
    this.ended = new Array<boolean>(splits).fill(false);
  }
  push(split: number, ...values: T[]): void {
    this.queues[split]!.push(...values);
    this.notify();
  }
  end(split: number): void {
    this.ended[split] = true;
    this.notify();
  }
  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }
  createSplits(): number[] {
    return Array.from({ length: this.splits }, (_, i) => i);
  }
  createReader(): SourceReader<T, number> {
    let mine: number[] = [];
    const self = this;
    return {
      addSplits(s) {
        mine = [...mine, ...s];
      },
      pollNext(out: ReaderOutput<T>) {
        let emitted = 0;
        for (const s of mine) {
          for (const v of self.queues[s]!.splice(0)) {
            out.collect(v);
            emitted++;
          }
        }
        if (mine.every((s) => self.ended[s] && self.queues[s]!.length === 0)) return InputStatus.END_OF_INPUT;
        return emitted > 0 ? InputStatus.MORE_AVAILABLE : InputStatus.NOTHING_AVAILABLE;
      },
      isAvailable() {
        if (mine.some((s) => self.ended[s] || self.queues[s]!.length > 0)) return Promise.resolve();
        return new Promise<void>((r) => self.waiters.push(r));
      },
      snapshotState: () => mine,
    };
  }
}

export type Probed<T> = { rec: T; ts: number } | { wm: number };

/** Passes records through as { rec, ts } and turns every watermark it receives into a { wm } record. */
export class WatermarkProbe<T> extends OneInputOperator<T, Probed<T>> {
  processElement(value: T, timestamp: number): void {
    this.output.collect({ rec: value, ts: timestamp }, timestamp);
  }
  override processWatermark(watermark: number): void {
    this.output.collect({ wm: watermark }, Number.NEGATIVE_INFINITY);
    super.processWatermark(watermark);
  }
}

/** Pulls from an async iterator until `pred` holds for a value; returns everything pulled. */
export async function readUntil<T>(it: AsyncIterator<T>, pred: (v: T) => boolean, limit = 10_000): Promise<T[]> {
  const got: T[] = [];
  for (let i = 0; i < limit; i++) {
    const r = await it.next();
    if (r.done) throw new Error(`stream ended before the expected value; got ${JSON.stringify(got)}`);
    got.push(r.value);
    if (pred(r.value)) return got;
  }
  throw new Error('limit reached');
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
