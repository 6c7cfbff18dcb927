import { InputStatus, type ReaderOutput, type Source, type SourceReader } from '@tributary/runtime';

/**
 * A source over an async iterable (parallelism 1). The iterable is pulled ahead into a bounded buffer so that the
 * task polls synchronously. Not replayable: after a restore it skips the number of items already emitted.
 */
export class AsyncIterableSource<T> implements Source<T, { emitted: number }> {
  readonly maxParallelism = 1;
  constructor(
    private readonly iterable: AsyncIterable<T> | Iterable<T>,
    readonly boundedness: 'bounded' | 'unbounded' = 'unbounded',
    private readonly bufferSize = 1024,
  ) {}
  createSplits(): { emitted: number }[] {
    return [{ emitted: 0 }];
  }
  createReader(ctx: { batchSize: number; requestRun: () => void }): SourceReader<T, { emitted: number }> {
    const iterable = this.iterable;
    const cap = this.bufferSize;
    let buffer: T[] = [];
    let done = false;
    let error: unknown;
    let skip = 0;
    let emitted = 0;
    let wakeReader: (() => void) | undefined;
    let wakePump: (() => void) | undefined;
    const pump = async () => {
      try {
        for await (const item of iterable as AsyncIterable<T>) {
          if (skip > 0) {
            skip--;
            continue;
          }
          buffer.push(item);
          wakeReader?.();
          wakeReader = undefined;
          if (buffer.length >= cap) await new Promise<void>((r) => (wakePump = r));
        }
      } catch (e) {
        error = e;
      }
      done = true;
      wakeReader?.();
      wakeReader = undefined;
    };
    return {
      addSplits(s) {
        skip = s[0]?.emitted ?? 0;
        emitted = skip;
      },
      start() {
        void pump();
      },
      pollNext(out: ReaderOutput<T>) {
        if (error !== undefined) throw error;
        const n = Math.min(buffer.length, ctx.batchSize);
        for (let i = 0; i < n; i++) out.collect(buffer[i]!);
        emitted += n;
        buffer = n === buffer.length ? [] : buffer.slice(n);
        if (wakePump) {
          const w = wakePump;
          wakePump = undefined;
          w();
        }
        if (buffer.length > 0) return InputStatus.MORE_AVAILABLE;
        return done ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
      },
      isAvailable() {
        if (buffer.length > 0 || done) return Promise.resolve();
        return new Promise<void>((r) => (wakeReader = r));
      },
      snapshotState: () => [{ emitted }],
    };
  }
}
