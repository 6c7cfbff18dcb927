import { InputStatus, type ReaderOutput, type Source, type SourceReader } from '@tributary/runtime';

interface SequenceSplit {
  next: number;
  readonly end: number;
}

/** Numbers from..to (inclusive), split into ranges so it runs in parallel; positions are checkpointed. */
export class NumberSequenceSource implements Source<number, SequenceSplit> {
  readonly boundedness = 'bounded';
  constructor(
    private readonly from: number,
    private readonly to: number,
  ) {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) {
      throw new RangeError(`fromSequence needs integers from <= to, got ${from}..${to}`);
    }
  }
  createSplits(parallelism: number): SequenceSplit[] {
    const total = this.to - this.from + 1;
    const n = Math.max(1, Math.min(parallelism, total));
    const splits: SequenceSplit[] = [];
    for (let i = 0; i < n; i++) {
      const start = this.from + Math.floor((total * i) / n);
      const end = this.from + Math.floor((total * (i + 1)) / n) - 1;
      splits.push({ next: start, end });
    }
    return splits;
  }
  createReader(ctx: { batchSize: number }): SourceReader<number, SequenceSplit> {
    const splits: SequenceSplit[] = [];
    return {
      addSplits(s) {
        for (const x of s) splits.push({ ...x });
      },
      pollNext(out: ReaderOutput<number>) {
        const s = splits[0];
        if (!s) return InputStatus.END_OF_INPUT;
        const stop = Math.min(s.end, s.next + ctx.batchSize - 1);
        for (let v = s.next; v <= stop; v++) out.collect(v);
        s.next = stop + 1;
        if (s.next > s.end) splits.shift();
        return splits.length === 0 ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
      },
      isAvailable: () => Promise.resolve(),
      snapshotState: () => splits.map((s) => ({ ...s })),
    };
  }
}
