import type { TaskMetricsSnapshot } from '../metrics/operator-metrics.js';
import type { OperatorSnapshot } from '../operators/operator-snapshot.js';

/** Restore input for one attempt: `${vertexId}:${subtask}` -> operator key -> snapshot. */
export type RestoreAssignment = Map<string, Record<string, OperatorSnapshot>>;

export function restoreKey(vertexId: number, subtask: number): string {
  return `${vertexId}:${subtask}`;
}

/** What a running attempt tells the job master. */
export interface DeploymentListener {
  running(): void;
  taskFinished(vertexId: number, subtask: number, finalSnapshots: Record<string, OperatorSnapshot> | undefined): void;
  /**
   * Every task finished; their operators are still open. The master takes the final checkpoint here (when
   * checkpointing) and has the deployment commit it before the tasks close.
   */
  allFinished(): Promise<void>;
  acknowledge(
    checkpointId: number,
    vertexId: number,
    subtask: number,
    snapshots: Record<string, OperatorSnapshot>,
  ): void;
  decline(checkpointId: number, reason: unknown): void;
  metrics(tasks: TaskMetricsSnapshot[]): void;
}

export type DeploymentOutcome =
  | { readonly kind: 'finished' }
  | { readonly kind: 'canceled' }
  | { readonly kind: 'failed'; readonly error: unknown };

/** One attempt of a job: its tasks running somewhere (this thread or worker threads). */
export interface Deployment {
  /** Resolves when the attempt ends. */
  readonly outcome: Promise<DeploymentOutcome>;
  /** Source tasks inject a barrier (after emitting the final watermark when `drain`). */
  triggerCheckpoint(checkpointId: number, timestamp: number, savepoint: boolean, drain: boolean): void;
  notifyCheckpointComplete(checkpointId: number): void;
  /** After the final checkpoint: every task commits (notifyCheckpointComplete(FINAL_CHECKPOINT_ID)). */
  finalCommit(): Promise<void>;
  /** Stops every task; the outcome becomes canceled. */
  cancel(): void;
}
