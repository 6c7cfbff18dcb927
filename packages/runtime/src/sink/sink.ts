import type { OperatorMetrics } from '../metrics/operator-metrics.js';

export interface SinkWriterContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly operatorName: string;
  readonly attemptNumber: number;
  readonly metrics: OperatorMetrics;
  /** This subtask's share of the writer state from the checkpoint being restored. */
  readonly restoredState: unknown[] | undefined;
  readonly requestRun: () => void;
  /**
   * True when nothing will checkpoint after end of input (checkpointing off, or BATCH): a two-phase-commit writer
   * then commits what it has at flush(true). False when a final checkpoint follows: the writer keeps the data
   * pending, the final snapshot records it, and commit(FINAL_CHECKPOINT_ID) publishes it once that is durable.
   */
  readonly commitOnEndOfInput: boolean;
}

/** Checkpoint id given to final snapshots of finished tasks and to the commit after the final checkpoint. */
export const FINAL_CHECKPOINT_ID = Number.MAX_SAFE_INTEGER;

/**
 * Writes records somewhere. `write` is synchronous and should buffer; `flush` makes buffered records durable.
 * Exactly-once sinks implement two-phase commit: `prepareCommit` at the checkpoint barrier (pre-commit),
 * `commit` when the checkpoint is complete; state returned by `snapshotState` lets a restored writer finish or
 * abort transactions of the checkpoint it restores.
 */
export interface SinkWriter<T> {
  write(value: T, timestamp: number | undefined): void;
  writeWatermark?(watermark: number): void;
  flush(endOfInput: boolean): void | Promise<void>;
  prepareCommit?(checkpointId: number): void | Promise<void>;
  snapshotState?(checkpointId: number): unknown[];
  commit?(checkpointId: number): void | Promise<void>;
  close(): void | Promise<void>;
}

export interface Sink<T> {
  readonly name?: string;
  /** 'exactly-once' only when the writer implements two-phase commit. */
  readonly guarantee?: 'exactly-once' | 'at-least-once';
  createWriter(ctx: SinkWriterContext): SinkWriter<T> | Promise<SinkWriter<T>>;
}
