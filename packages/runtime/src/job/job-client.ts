import { JobCancelledError } from '@tributary/core';
import type { TaskMetricsSnapshot } from '../metrics/operator-metrics.js';
import { isTerminal, type JobStatus } from './job-status.js';

export interface JobExecutionResult {
  readonly jobName: string;
  readonly status: JobStatus;
  readonly durationMs: number;
  /** Time spent RUNNING (excludes deployment), in milliseconds. */
  readonly runningMs?: number;
  /** Final totals per operator (summed over subtasks). */
  readonly operators: Record<string, { recordsIn: number; recordsOut: number }>;
  readonly restarts: number;
}

export interface SnapshotRequest {
  readonly kind: 'checkpoint' | 'savepoint';
  readonly dir: string | undefined;
  readonly stop: boolean;
  readonly drain: boolean;
}

export interface JobMetrics {
  readonly timestamp: number;
  readonly tasks: TaskMetricsSnapshot[];
}

export type JobEvent =
  | { readonly type: 'status'; readonly status: JobStatus; readonly error?: unknown }
  | { readonly type: 'metrics'; readonly metrics: JobMetrics }
  | { readonly type: 'checkpoint'; readonly checkpointId: number; readonly path?: string; readonly durationMs: number };

/**
 * Handle of a submitted job. It is also a promise of the job's result, so `await env.execute()` waits for the end
 * while `const job = env.execute()` gives access to status, metrics and cancel().
 */
export class JobClient implements PromiseLike<JobExecutionResult> {
  private current: JobStatus = 'CREATED';
  private readonly listeners = new Set<(e: JobEvent) => void>();
  private lastMetrics: JobMetrics | undefined;
  private readonly done: Promise<JobExecutionResult>;
  private resolveDone!: (r: JobExecutionResult) => void;
  private rejectDone!: (e: unknown) => void;
  private cancelHandler: (() => Promise<void>) | undefined;
  private snapshotHandler: ((kind: SnapshotRequest) => Promise<string>) | undefined;
  private failure: unknown;
  readonly startedAt = Date.now();
  /** When the job (last) reached RUNNING: after deployment, so benchmarks can leave start-up out. */
  runningSince: number | undefined;

  constructor(readonly jobName: string) {
    this.done = new Promise((res, rej) => {
      this.resolveDone = res;
      this.rejectDone = rej;
    });
    // A job nobody awaits must not crash the process with an unhandled rejection; awaiting still throws.
    this.done.catch(() => {});
  }

  get status(): JobStatus {
    return this.current;
  }

  get error(): unknown {
    return this.failure;
  }

  /** Latest metrics reported by the subtasks. */
  metrics(): JobMetrics | undefined {
    return this.lastMetrics;
  }

  on(listener: (e: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async cancel(): Promise<void> {
    if (isTerminal(this.current)) return;
    await this.cancelHandler?.();
  }

  /** Takes a savepoint (a checkpoint in the stable format that survives program changes); resolves to its path. */
  triggerSavepoint(dir?: string): Promise<string> {
    return this.requestSnapshot({ kind: 'savepoint', dir, stop: false, drain: false });
  }

  /** Takes a savepoint, then stops the job (FINISHED). With drain, event-time timers fire before the savepoint. */
  stopWithSavepoint(options: { dir?: string; drain?: boolean } = {}): Promise<string> {
    return this.requestSnapshot({ kind: 'savepoint', dir: options.dir, stop: true, drain: !!options.drain });
  }

  /** Takes a checkpoint now (needs execution.checkpointing.dir); resolves to its path. */
  triggerCheckpoint(): Promise<string> {
    return this.requestSnapshot({ kind: 'checkpoint', dir: undefined, stop: false, drain: false });
  }

  private requestSnapshot(r: SnapshotRequest): Promise<string> {
    if (!this.snapshotHandler || isTerminal(this.current))
      return Promise.reject(new Error(`Job '${this.jobName}' is not running`));
    return this.snapshotHandler(r);
  }

  /** Waits for the end: resolves on FINISHED, rejects on FAILED or CANCELED. */
  result(): Promise<JobExecutionResult> {
    return this.done;
  }

  // biome-ignore lint/suspicious/noThenProperty: the handle is deliberately awaitable (await env.execute()).
  then<A = JobExecutionResult, B = never>(
    onFulfilled?: ((value: JobExecutionResult) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.done.then(onFulfilled, onRejected);
  }

  // ---- used by the runner ----

  /** @internal */
  setSnapshotHandler(h: (r: SnapshotRequest) => Promise<string>): void {
    this.snapshotHandler = h;
  }

  /** @internal */
  setCancelHandler(h: () => Promise<void>): void {
    this.cancelHandler = h;
  }

  /** @internal */
  transition(status: JobStatus, error?: unknown): void {
    if (isTerminal(this.current)) return;
    this.current = status;
    if (status === 'RUNNING') this.runningSince = performance.now();
    if (error !== undefined) this.failure = error;
    this.emit({ type: 'status', status, error });
  }

  /** @internal */
  reportMetrics(m: JobMetrics): void {
    this.lastMetrics = m;
    this.emit({ type: 'metrics', metrics: m });
  }

  /** @internal */
  emit(e: JobEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A listener's failure must not affect the job.
      }
    }
  }

  /** @internal */
  complete(result: JobExecutionResult): void {
    if (this.runningSince !== undefined && result.runningMs === undefined) {
      result = { ...result, runningMs: performance.now() - this.runningSince };
    }
    this.transition(result.status);
    if (result.status === 'FINISHED') this.resolveDone(result);
    else if (result.status === 'CANCELED') this.rejectDone(new JobCancelledError(this.jobName));
    else this.rejectDone(this.failure ?? new Error(`Job '${this.jobName}' ended as ${result.status}`));
  }
}
