import type { Clock, Configuration } from '@tributary/core';
import type { OperatorMetrics } from '../metrics/operator-metrics.js';
import type { KeyedStateBackend } from '../state/backend.js';
import type { OperatorStateStore } from '../state/operator-state.js';
import type { OperatorSnapshot } from './operator-snapshot.js';

/** Schedules processing-time callbacks on the task's thread, between records, never inside another callback. */
export interface ProcessingTimeService {
  now(): number;
  registerTimer(time: number, callback: (time: number) => void): () => void;
}

/** Everything the runtime hands an operator subtask. */
export interface OperatorContext {
  readonly operatorName: string;
  readonly operatorUid: string;
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly attemptNumber: number;
  readonly config: Configuration;
  readonly batchMode: boolean;
  readonly clock: Clock;
  readonly processingTime: ProcessingTimeService;
  readonly keyedBackend: KeyedStateBackend | undefined;
  readonly operatorState: OperatorStateStore;
  readonly metrics: OperatorMetrics;
  readonly restored: OperatorSnapshot | undefined;
  /** Set by the task before it snapshots: incremental keyed snapshots allowed (not for savepoints, final). */
  readonly snapshotMode: { incremental: boolean };
  /** Asks the task to run again soon (after async work produced output or freed capacity). */
  readonly requestRun: () => void;
  /** Fails the task from an asynchronous callback. */
  readonly fail: (error: unknown) => void;
}
