import type { MessagePort } from 'node:worker_threads';
import type { TaskMetricsSnapshot } from '../metrics/operator-metrics.js';

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
  | { readonly type: 'collect-end'; readonly id: string; readonly subtask: number };

export type CoordinatorToWorker = { readonly type: 'cancel' };

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
