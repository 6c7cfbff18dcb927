import type { Sink, SinkWriter } from './sink.js';

/** Receives the records of a collect sink. In-process it is the client's queue; in a worker, a forwarder. */
export interface CollectTarget {
  push(values: unknown[]): void;
  end(subtask: number): void;
}

const targets = new Map<string, CollectTarget>();
let resolver: ((id: string) => CollectTarget | undefined) | undefined;

/** Hosts (in-process runner, worker threads) decide where collected records go. */
export const CollectRegistry = {
  register(id: string, target: CollectTarget): void {
    targets.set(id, target);
  },
  unregister(id: string): void {
    targets.delete(id);
  },
  /** Worker threads forward every collect sink to the coordinating thread; this overrides local targets. */
  setResolver(r: ((id: string) => CollectTarget | undefined) | undefined): void {
    resolver = r;
  },
  lookup(id: string): CollectTarget | undefined {
    return resolver?.(id) ?? targets.get(id);
  },
};

/** Sends records back to the program that runs the job (executeAndCollect, tests, SQL clients). */
export class CollectSink<T> implements Sink<T> {
  readonly name = 'collect';
  readonly guarantee = 'at-least-once';
  constructor(readonly id: string) {}
  createWriter(ctx: { subtaskIndex: number }): SinkWriter<T> {
    const target = CollectRegistry.lookup(this.id);
    if (!target) throw new Error(`No collect target '${this.id}' is registered in this process`);
    let buffer: unknown[] = [];
    // A partly filled buffer is handed over as soon as the task yields, so slow streams show results promptly.
    const handOver = () => {
      if (buffer.length > 0) {
        target.push(buffer);
        buffer = [];
      }
    };
    return {
      write(value) {
        buffer.push(value);
        if (buffer.length === 1) setImmediate(handOver);
        else if (buffer.length >= 1024) handOver();
      },
      writeWatermark() {
        if (buffer.length > 0) {
          target.push(buffer);
          buffer = [];
        }
      },
      flush(endOfInput) {
        if (buffer.length > 0) {
          target.push(buffer);
          buffer = [];
        }
        if (endOfInput) target.end(ctx.subtaskIndex);
      },
      close() {},
    };
  }
}

/**
 * An async-iterable queue of collected records. It ends when every sink subtask ended, and throws if the job
 * failed, so a consumer never mistakes a failure for the end.
 */
export class CollectQueue<T> implements CollectTarget, AsyncIterable<T> {
  private items: T[] = [];
  private head = 0;
  private ended = 0;
  private error: unknown;
  private failed = false;
  private waiter: (() => void) | undefined;
  constructor(private readonly subtasks: () => number) {}
  push(values: unknown[]): void {
    for (const v of values) this.items.push(v as T);
    this.notify();
  }
  end(): void {
    this.ended++;
    this.notify();
  }
  fail(error: unknown): void {
    this.failed = true;
    this.error = error;
    this.notify();
  }
  /** The job ended without every subtask reporting its end (e.g. canceled). */
  close(): void {
    this.ended = Number.POSITIVE_INFINITY;
    this.notify();
  }
  private notify(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      while (this.head < this.items.length) {
        const v = this.items[this.head]!;
        this.items[this.head++] = undefined as T;
        yield v;
      }
      if (this.failed) throw this.error;
      if (this.ended >= this.subtasks()) return;
      await new Promise<void>((r) => (this.waiter = r));
    }
  }
}
