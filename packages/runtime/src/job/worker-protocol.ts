import type { MessagePort } from 'node:worker_threads';
import type { TaskMetricsSnapshot } from '../metrics/operator-metrics.js';
import type { OperatorSnapshot } from '../operators/operator-snapshot.js';

/** What the coordinating thread gives each worker thread at start. */
export interface WorkerInit {
  readonly programFile: string;
  readonly jobIndex: number;
  readonly slot: number;
  readonly numWorkers: number;
  readonly attempt: number;
  readonly config: Record<string, unknown>;
  /** Vertex names and parallelism as the coordinator planned them; the worker's own plan must match. */
  readonly fingerprint: string;
  /** peer slot -> port to that worker */
  readonly peers: Record<number, MessagePort>;
  /** Options the CLI set globally (so the program's environment sees the same config). */
  readonly globalConfig: Record<string, unknown>;
  /** State to restore for this worker's subtasks: `${vertexId}:${subtask}` -> operator key -> snapshot. */
  readonly restore: Record<string, Record<string, OperatorSnapshot>> | undefined;
}

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: string;
}

export type WorkerToCoordinator =
  | { readonly type: 'running' }
  | { readonly type: 'metrics'; readonly tasks: TaskMetricsSnapshot[] }
  | { readonly type: 'finished'; readonly tasks: TaskMetricsSnapshot[] }
  | { readonly type: 'failed'; readonly error: SerializedError }
  | { readonly type: 'canceled' }
  | { readonly type: 'collect'; readonly id: string; readonly values: unknown[] }
  | { readonly type: 'collect-end'; readonly id: string; readonly subtask: number }
  | {
      readonly type: 'task-finished';
      readonly vertex: number;
      readonly subtask: number;
      readonly snapshots: Record<string, OperatorSnapshot> | undefined;
    }
  | { readonly type: 'all-finished' }
  | { readonly type: 'final-committed' }
  | {
      readonly type: 'ack';
      readonly id: number;
      readonly vertex: number;
      readonly subtask: number;
      readonly snapshots: Record<string, OperatorSnapshot>;
    }
  | { readonly type: 'decline'; readonly id: number; readonly error: SerializedError };

export type CoordinatorToWorker =
  | { readonly type: 'cancel' }
  | {
      readonly type: 'trigger';
      readonly id: number;
      readonly timestamp: number;
      readonly savepoint: boolean;
      readonly drain: boolean;
    }
  | { readonly type: 'notify'; readonly id: number }
  /** After all workers reported all-finished: commit the final checkpoint, or just close (release). */
  | { readonly type: 'final-commit' }
  | { readonly type: 'release' };

export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) {
    return { name: e.name, message: e.message, stack: e.stack, code: (e as { code?: string }).code };
  }
  return { name: 'Error', message: String(e) };
}

/** Rebuilds an error from another thread; keeps the original stack text. */
export function deserializeError(s: SerializedError): Error {
  const e = new Error(s.message);
  e.name = s.name;
  if (s.stack) e.stack = s.stack;
  if (s.code) (e as { code?: string }).code = s.code;
  return e;
}
