import { InputStatus, type ReaderOutput, type Source, type SourceReader } from '@tributary/runtime';

interface CollectionSplit {
  readonly id: number;
  position: number;
}

/** A bounded source over an in-memory array; its position is checkpointed, so it resumes exactly. */
export class CollectionSource<T> implements Source<T, CollectionSplit> {
  readonly boundedness = 'bounded';
  readonly maxParallelism = 1;
  constructor(
    private readonly items: readonly T[],
    private readonly timestamps?: (item: T, index: number) => number,
  ) {}
  createSplits(): CollectionSplit[] {
    return [{ id: 0, position: 0 }];
  }
  createReader(ctx: { batchSize: number }): SourceReader<T, CollectionSplit> {
    const items = this.items;
    const tsOf = this.timestamps;
    let split: CollectionSplit | undefined;
    return {
      addSplits(splits) {
        split = splits[0] ? { ...splits[0] } : undefined;
      },
      pollNext(out: ReaderOutput<T>) {
        if (!split) return InputStatus.END_OF_INPUT;
        const end = Math.min(items.length, split.position + ctx.batchSize);
        for (let i = split.position; i < end; i++) {
          const item = items[i]!;
          if (tsOf) out.collect(item, tsOf(item, i));
          else out.collect(item);
        }
        split.position = end;
        return end >= items.length ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
      },
      isAvailable: () => Promise.resolve(),
      snapshotState: () => (split ? [{ ...split }] : []),
    };
  }
}
