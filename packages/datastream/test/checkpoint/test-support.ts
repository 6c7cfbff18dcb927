import {
  InputStatus,
  type ReaderOutput,
  type Sink,
  type SinkWriter,
  type Source,
  type SourceReader,
} from '@tributary/datastream';

/** Committed transactions of a TwoPhaseTestSink, by transaction id (so re-committing after restore is idempotent). */
export class CommitLog<T> {
  readonly transactions = new Map<string, T[]>();
  commit(txn: string, records: T[]): void {
    this.transactions.set(txn, records);
  }
  all(): T[] {
    return [...this.transactions.values()].flat();
  }
}

interface PendingTxn<T> {
  readonly txn: string;
  readonly checkpointId: number;
  readonly records: T[];
}

/**
 * A real two-phase-commit sink for tests: records of a checkpoint interval become a pending transaction at the
 * barrier and are committed to the log only when the checkpoint completes (or at end of input). Pending
 * transactions are part of the state, so a restored writer commits those of the restored checkpoint.
 */
export class TwoPhaseTestSink<T> implements Sink<T> {
  readonly name = 'TwoPhaseTestSink';
  readonly guarantee = 'exactly-once';
  constructor(private readonly log: CommitLog<T>) {}
  createWriter(ctx: {
    subtaskIndex: number;
    attemptNumber: number;
    restoredState: unknown[] | undefined;
    commitOnEndOfInput: boolean;
  }): SinkWriter<T> {
    const log = this.log;
    let current: T[] = [];
    const pending: PendingTxn<T>[] = [];
    for (const p of (ctx.restoredState ?? []) as PendingTxn<T>[]) log.commit(p.txn, p.records);
    let seq = 0;
    const txnId = (checkpointId: number | string) =>
      `${ctx.attemptNumber}-${ctx.subtaskIndex}-${checkpointId}-${seq++}-${Math.random().toString(36).slice(2)}`;
    return {
      write(value) {
        current.push(value);
      },
      flush(endOfInput) {
        // With checkpointing, the final checkpoint's snapshot keeps the rest pending until it is durable.
        if (endOfInput && ctx.commitOnEndOfInput) {
          for (const p of pending.splice(0)) log.commit(p.txn, p.records);
          if (current.length > 0) log.commit(txnId('final'), current);
          current = [];
        }
      },
      snapshotState(checkpointId) {
        pending.push({ txn: txnId(checkpointId), checkpointId, records: current });
        current = [];
        return pending.map((p) => ({ ...p }));
      },
      commit(checkpointId) {
        while (pending.length > 0 && pending[0]!.checkpointId <= checkpointId) {
          const p = pending.shift()!;
          log.commit(p.txn, p.records);
        }
      },
      close() {},
    };
  }
}

interface PacedSplit {
  next: number;
  readonly end: number;
}

/** Numbers 1..n emitted `perPoll` at a time with a pause between polls, so checkpoints happen mid-stream. */
export class PacedSequenceSource implements Source<number, PacedSplit> {
  readonly boundedness = 'bounded';
  constructor(
    private readonly n: number,
    private readonly perPoll: number,
    private readonly pauseMs: number,
  ) {}
  createSplits(parallelism: number): PacedSplit[] {
    const out: PacedSplit[] = [];
    for (let i = 0; i < parallelism; i++) {
      const start = Math.floor((this.n * i) / parallelism) + 1;
      const end = Math.floor((this.n * (i + 1)) / parallelism);
      if (start <= end) out.push({ next: start, end });
    }
    return out;
  }
  createReader(): SourceReader<number, PacedSplit> {
    const splits: PacedSplit[] = [];
    const { perPoll, pauseMs } = this;
    let readyAt = 0;
    return {
      addSplits(s) {
        for (const x of s) splits.push({ ...x });
      },
      pollNext(out: ReaderOutput<number>) {
        const s = splits[0];
        if (!s) return InputStatus.END_OF_INPUT;
        if (Date.now() < readyAt) return InputStatus.NOTHING_AVAILABLE;
        const stop = Math.min(s.end, s.next + perPoll - 1);
        for (let v = s.next; v <= stop; v++) out.collect(v);
        s.next = stop + 1;
        if (s.next > s.end) splits.shift();
        readyAt = Date.now() + pauseMs;
        return splits.length === 0 ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
      },
      isAvailable() {
        return new Promise((r) => setTimeout(r, Math.max(0, readyAt - Date.now())));
      },
      snapshotState: () => splits.map((s) => ({ ...s })),
    };
  }
}
