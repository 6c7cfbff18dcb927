import type { OperatorMetrics } from '../metrics/operator-metrics.js';

export enum InputStatus {
  /** pollNext may be called again right away. */
  MORE_AVAILABLE = 0,
  /** Wait for isAvailable() before polling again. */
  NOTHING_AVAILABLE = 1,
  /** This reader is done for good. */
  END_OF_INPUT = 2,
}

export interface ReaderOutput<T> {
  /** Timestamp in epoch ms if the source knows one (e.g. a Kafka record's timestamp). */
  collect(value: T, timestamp?: number): void;
}

export interface SourceReaderContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly operatorName: string;
  readonly metrics: OperatorMetrics;
  /** Records a reader should emit per pollNext at most (a batch). */
  readonly batchSize: number;
  /** Wake the task when data became available outside pollNext. */
  readonly requestRun: () => void;
}

/**
 * Reads this subtask's share of a source. Work is described by splits (JSON-friendly values): the source
 * enumerates the initial splits; a checkpoint stores each reader's unfinished splits with their progress; on
 * restore (at any parallelism) the stored splits are dealt out again. Polling is synchronous and emits a batch,
 * so a record costs no promise.
 */
export interface SourceReader<T, Split = unknown> {
  addSplits(splits: Split[]): void;
  start?(): void | Promise<void>;
  pollNext(output: ReaderOutput<T>): InputStatus;
  /** Resolves when pollNext may have data again after NOTHING_AVAILABLE. */
  isAvailable(): Promise<void>;
  /** Unfinished splits with their current positions. */
  snapshotState(checkpointId: number): Split[];
  notifyCheckpointComplete?(checkpointId: number): void | Promise<void>;
  close?(): void | Promise<void>;
}

export interface Source<T, Split = unknown> {
  readonly boundedness: 'bounded' | 'unbounded';
  /** Largest parallelism that makes sense (1 for a collection); undefined for no limit. */
  readonly maxParallelism?: number;
  /** Splits of a fresh start, dealt round-robin to the subtasks. */
  createSplits(parallelism: number): Split[] | Promise<Split[]>;
  createReader(ctx: SourceReaderContext): SourceReader<T, Split>;
}

/** Deals splits to subtasks: split i goes to subtask i mod parallelism. */
export function assignSplits<S>(splits: readonly S[], subtask: number, parallelism: number): S[] {
  const out: S[] = [];
  for (let i = subtask; i < splits.length; i += parallelism) out.push(splits[i]!);
  return out;
}
