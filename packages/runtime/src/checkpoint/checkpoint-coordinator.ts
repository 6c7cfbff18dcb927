import { join } from 'node:path';
import { type Configuration, getLogger } from '@tributary/core';
import { operatorStateKey } from '../execution/stream-task.js';
import type { JobGraph } from '../graph/job-graph.js';
import type { OperatorSnapshot } from '../operators/operator-snapshot.js';
import { CheckpointOptions } from './checkpoint-options.js';
import { type OperatorSubtaskState, pruneCheckpoints, writeSnapshot } from './checkpoint-storage.js';

const log = getLogger('checkpoint-coordinator');

export interface CompletedCheckpoint {
  readonly checkpointId: number;
  readonly path: string;
  readonly savepoint: boolean;
  readonly bytes: number;
  readonly durationMs: number;
}

interface Pending {
  readonly id: number;
  readonly started: number;
  readonly timestamp: number;
  readonly savepoint: boolean;
  readonly targetDir: string | undefined;
  readonly awaiting: Set<string>;
  readonly acks: Map<string, Record<string, OperatorSnapshot>>;
  readonly finishedAtTrigger: Set<string>;
  readonly resolve: (c: CompletedCheckpoint) => void;
  readonly reject: (e: unknown) => void;
  readonly timer: NodeJS.Timeout;
}

/** The attempt the coordinator talks to. */
export interface CheckpointTarget {
  triggerCheckpoint(id: number, timestamp: number, savepoint: boolean, drain: boolean): void;
  notifyCheckpointComplete(id: number): void;
}

/**
 * Triggers checkpoints (sources inject barriers), collects every task's acknowledgement with its operator
 * snapshots, writes the snapshot (manifest last), then notifies tasks so two-phase-commit sinks commit.
 */
export class CheckpointCoordinator {
  private nextId: number;
  private readonly pending = new Map<number, Pending>();
  private readonly finished = new Set<string>();
  /** Final state of finished tasks (taken after end of input), used for every later checkpoint. */
  private readonly finalSnapshots = new Map<string, Record<string, OperatorSnapshot>>();
  private target: CheckpointTarget | undefined;
  private periodic: NodeJS.Timeout | undefined;
  private lastCompletedAt = 0;
  /** Directories of checkpoints completed by this job master, for incremental state that builds on them. */
  private readonly completedDirs = new Map<number, string>();
  /** Checkpoints are written one after another, so retention never deletes one that is still being written. */
  private writing: Promise<unknown> = Promise.resolve();
  private persisting = 0;
  private latest: CompletedCheckpoint | undefined;
  readonly jobDir: string;

  constructor(
    private readonly jg: JobGraph,
    private readonly config: Configuration,
    private readonly onComplete: (c: CompletedCheckpoint) => void,
    firstId: number,
  ) {
    this.nextId = firstId;
    this.jobDir = checkpointJobDir(config, jg.name);
  }

  get latestCompleted(): CompletedCheckpoint | undefined {
    return this.latest;
  }

  get lastCheckpointId(): number {
    return this.nextId - 1;
  }

  /** A new attempt starts: forget in-flight checkpoints of the old one. */
  attach(target: CheckpointTarget): void {
    this.abortAll(new Error('job restarted'));
    this.finished.clear();
    this.finalSnapshots.clear();
    this.target = target;
  }

  /** Resolves when no checkpoint is being written any more. */
  async idle(): Promise<void> {
    await this.writing;
  }

  detach(): void {
    this.target = undefined;
    this.abortAll(new Error('job attempt ended'));
  }

  startPeriodic(): void {
    const interval = this.config.get(CheckpointOptions.INTERVAL);
    if (!(interval > 0) || !this.jobDir) return;
    const minPause = this.config.get(CheckpointOptions.MIN_PAUSE);
    const maxConcurrent = this.config.get(CheckpointOptions.MAX_CONCURRENT);
    this.periodic = setInterval(() => {
      if (!this.target || this.pending.size + this.persisting >= maxConcurrent) return;
      if (Date.now() - this.lastCompletedAt < minPause) return;
      this.trigger(false, undefined, false).catch((e) => log.warn(`Checkpoint failed: ${(e as Error).message}`));
    }, interval);
    this.periodic.unref();
  }

  stopPeriodic(): void {
    if (this.periodic) clearInterval(this.periodic);
    this.periodic = undefined;
  }

  taskFinished(vertexId: number, subtask: number, finalSnapshots?: Record<string, OperatorSnapshot>): void {
    const key = `${vertexId}:${subtask}`;
    this.finished.add(key);
    if (finalSnapshots) this.finalSnapshots.set(key, finalSnapshots);
    // A task that finished before acknowledging contributes no state (it consumed all its input).
    for (const p of this.pending.values()) {
      if (p.awaiting.delete(key)) p.finishedAtTrigger.add(key);
      this.maybeComplete(p);
    }
  }

  /** Starts a checkpoint or savepoint; resolves when it is complete on disk. */
  trigger(savepoint: boolean, targetDir: string | undefined, drain: boolean): Promise<CompletedCheckpoint> {
    const target = this.target;
    if (!target) return Promise.reject(new Error('The job is not running'));
    if (!savepoint && !this.jobDir)
      return Promise.reject(new Error("No checkpoint directory: set 'execution.checkpointing.dir'"));
    const id = this.nextId++;
    const awaiting = new Set<string>();
    const finishedAtTrigger = new Set<string>();
    for (const v of this.jg.vertices) {
      for (let s = 0; s < v.parallelism; s++) {
        const key = `${v.id}:${s}`;
        if (this.finished.has(key)) finishedAtTrigger.add(key);
        else awaiting.add(key);
      }
    }
    return new Promise<CompletedCheckpoint>((resolve, reject) => {
      const timeout = this.config.get(CheckpointOptions.TIMEOUT);
      const timer = setTimeout(
        () => this.abort(id, new Error(`Checkpoint ${id} expired after ${timeout} ms`)),
        timeout,
      );
      timer.unref();
      this.pending.set(id, {
        id,
        started: Date.now(),
        timestamp: Date.now(),
        savepoint,
        targetDir,
        awaiting,
        acks: new Map(),
        finishedAtTrigger,
        resolve,
        reject,
        timer,
      });
      target.triggerCheckpoint(id, Date.now(), savepoint, drain);
    });
  }

  /**
   * The checkpoint after every task finished: made of their final snapshots (no barriers). Restoring it resumes
   * nothing and re-emits nothing; completing it lets two-phase-commit sinks publish their last transactions.
   */
  async finalCheckpoint(): Promise<CompletedCheckpoint | undefined> {
    if (!this.jobDir || this.finalSnapshots.size === 0) return undefined;
    this.abortAll(new Error('superseded by the final checkpoint'));
    const id = this.nextId++;
    const p: Pending = {
      id,
      started: Date.now(),
      timestamp: Date.now(),
      savepoint: false,
      targetDir: undefined,
      awaiting: new Set(),
      acks: new Map(),
      finishedAtTrigger: new Set(this.finished),
      resolve: () => {},
      reject: () => {},
      timer: setTimeout(() => {}, 0),
    };
    this.persisting++;
    const written = this.writing.then(() => this.persist(p));
    this.writing = written.catch(() => {});
    try {
      const c = await written;
      this.latest = c;
      this.onComplete(c);
      return c;
    } finally {
      this.persisting--;
    }
  }

  acknowledge(id: number, vertexId: number, subtask: number, snapshots: Record<string, OperatorSnapshot>): void {
    const p = this.pending.get(id);
    if (!p) return;
    const key = `${vertexId}:${subtask}`;
    if (!p.awaiting.delete(key)) return;
    p.acks.set(key, snapshots);
    this.maybeComplete(p);
  }

  decline(id: number, reason: unknown): void {
    this.abort(id, reason instanceof Error ? reason : new Error(String(reason)));
  }

  private maybeComplete(p: Pending): void {
    if (p.awaiting.size > 0 || !this.pending.has(p.id)) return;
    this.pending.delete(p.id);
    clearTimeout(p.timer);
    this.persisting++;
    const written = this.writing.then(() => this.persist(p));
    this.writing = written.catch(() => {});
    written
      .finally(() => this.persisting--)
      .then(
        (c) => {
          this.lastCompletedAt = Date.now();
          if (!c.savepoint) this.latest = c;
          this.target?.notifyCheckpointComplete(p.id);
          this.onComplete(c);
          p.resolve(c);
        },
        (e) => p.reject(e),
      );
  }

  private async persist(p: Pending): Promise<CompletedCheckpoint> {
    const states: OperatorSubtaskState[] = [];
    for (const v of this.jg.vertices) {
      for (let s = 0; s < v.parallelism; s++) {
        const ack = p.acks.get(`${v.id}:${s}`) ?? this.finalSnapshots.get(`${v.id}:${s}`);
        for (const node of v.nodes) {
          const uid = operatorStateKey(node);
          states.push({
            uid,
            name: node.name,
            parallelism: v.parallelism,
            maxParallelism: v.maxParallelism,
            subtask: s,
            snapshot: ack?.[uid],
          });
        }
      }
    }
    const dir = p.savepoint
      ? (p.targetDir ??
        join(
          this.config.get(CheckpointOptions.SAVEPOINT_DIR) || join(this.jobDir || '.', 'savepoints'),
          `savepoint-${p.id}-${Date.now().toString(36)}`,
        ))
      : join(this.jobDir, `chk-${p.id}`);
    const { bytes } = await writeSnapshot(
      dir,
      {
        kind: p.savepoint ? 'savepoint' : 'checkpoint',
        checkpointId: p.id,
        jobName: this.jg.name,
        timestamp: p.timestamp,
      },
      states,
      (id) => this.completedDirs.get(id),
    );
    this.completedDirs.set(p.id, dir);
    if (!p.savepoint) await pruneCheckpoints(this.jobDir, this.config.get(CheckpointOptions.NUM_RETAINED));
    return { checkpointId: p.id, path: dir, savepoint: p.savepoint, bytes, durationMs: Date.now() - p.started };
  }

  private abort(id: number, error: unknown): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.reject(error);
  }

  private abortAll(error: unknown): void {
    for (const id of [...this.pending.keys()]) this.abort(id, error);
  }
}

/** Checkpoints of a job live in <execution.checkpointing.dir>/<job name>; '' when no directory is set. */
export function checkpointJobDir(config: Configuration, jobName: string): string {
  const dir = config.get(CheckpointOptions.DIR);
  return dir ? join(dir, sanitize(jobName)) : '';
}

export function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '_') || 'job';
}
