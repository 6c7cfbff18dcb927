import { type Clock, type Configuration, CoreOptions, UserFunctionError } from '@tributary/core';
import { CheckpointOptions } from '../checkpoint/checkpoint-options.js';
import type { JobVertex } from '../graph/job-graph.js';
import type { StreamEdge, StreamNode } from '../graph/stream-graph.js';
import { keyGroupRangeForSubtask } from '../keys/key-groups.js';
import { OperatorMetrics, type TaskMetricsSnapshot } from '../metrics/operator-metrics.js';
import type { OperatorContext, ProcessingTimeService } from '../operators/operator-context.js';
import type { OperatorSnapshot } from '../operators/operator-snapshot.js';
import {
  isTwoInput,
  type OneInputOperator,
  type StreamOperator,
  type TwoInputOperator,
} from '../operators/stream-operator.js';
import type { KeySelector } from '../partition/partitioner.js';
import { FINAL_CHECKPOINT_ID } from '../sink/sink.js';
import { InputStatus } from '../source/source.js';
import { SourceOperator } from '../source/source-operator.js';
import type { KeyedStateBackend } from '../state/backend.js';
import { createKeyedBackend } from '../state/backend-factory.js';
import { OperatorStateStore } from '../state/operator-state.js';
import { type BarrierEvent, type DataBuffer, END_OF_PARTITION, EventKind } from './elements.js';
import type { GateChannel, InputGate } from './input-gate.js';
import { type ChainedTarget, OperatorOutput } from './operator-output.js';
import type { RecordWriter } from './record-writer.js';

/** What the executor provides to a task. */
export interface TaskServices {
  readonly config: Configuration;
  readonly clock: Clock;
  readonly batchMode: boolean;
  readonly processingTime: ProcessingTimeService;
  readonly wake: () => void;
  readonly fail: (error: unknown) => void;
  readonly acknowledgeCheckpoint: (
    checkpointId: number,
    task: StreamTask,
    snapshots: Record<string, OperatorSnapshot>,
  ) => void;
  readonly declineCheckpoint: (checkpointId: number, task: StreamTask, reason: unknown) => void;
  /** Final snapshots go with the finished report (checkpointing on, streaming): they feed the final checkpoint. */
  readonly takeFinalSnapshots: boolean;
  readonly taskFinished: (task: StreamTask, finalSnapshots: Record<string, OperatorSnapshot> | undefined) => void;
}

export function operatorStateKey(node: StreamNode): string {
  return node.uid ?? `auto:${node.id}`;
}

type Phase = 'created' | 'running' | 'finishing' | 'finished' | 'failed' | 'canceled';

/** One parallel instance of a job vertex: its operator chain, its input gate and its record writers. */
export class StreamTask {
  readonly operators: StreamOperator[] = [];
  readonly metrics: OperatorMetrics[] = [];
  private readonly backends: (KeyedStateBackend | undefined)[] = [];
  private head!: StreamOperator;
  private keySel0: KeySelector | undefined;
  private keySel1: KeySelector | undefined;
  private headBackend: KeyedStateBackend | undefined;
  private allWriters: RecordWriter[] = [];
  private sourceWaiting = false;
  /** Operators of the chain that can refuse input while full (async I/O at capacity). */
  private blockers: { isInputBlocked(): boolean }[] = [];
  phase: Phase = 'created';
  private readonly alignedCheckpoints: boolean;
  private readonly incrementalCheckpoints: boolean;
  private readonly snapshotMode = { incremental: false };
  private readonly bufferTimeout: number;
  private lastFlush = 0;
  /** Wall-clock accounting for busy / back-pressured ratios. */
  busyMs = 0;
  backPressuredMs = 0;
  private backPressuredSince = 0;

  constructor(
    readonly vertex: JobVertex,
    readonly subtaskIndex: number,
    readonly attempt: number,
    private readonly gate: InputGate | undefined,
    private readonly writersOf: (edge: StreamEdge) => RecordWriter,
    private readonly restored: Record<string, OperatorSnapshot> | undefined,
    private readonly services: TaskServices,
  ) {
    this.alignedCheckpoints = services.config.get(CheckpointOptions.MODE) === 'EXACTLY_ONCE';
    this.incrementalCheckpoints = services.config.get(CheckpointOptions.INCREMENTAL);
    this.bufferTimeout = services.config.get(CoreOptions.BUFFER_TIMEOUT);
  }

  get name(): string {
    return `${this.vertex.name} (${this.subtaskIndex + 1}/${this.vertex.parallelism})`;
  }

  get isSource(): boolean {
    return this.head instanceof SourceOperator;
  }

  /** Creates, wires, restores and opens the chain (tail first, so successors are ready before the head emits). */
  async open(): Promise<void> {
    const v = this.vertex;
    const ops = new Map<number, StreamOperator>();
    const metricsOf = new Map<number, OperatorMetrics>();
    for (const n of v.nodes) {
      ops.set(n.id, n.createOperator());
      metricsOf.set(n.id, new OperatorMetrics());
    }
    const members = new Set(v.nodes.map((n) => n.id));
    const networkEdges = new Set(v.outputs);
    for (const n of v.nodes) {
      const chained: ChainedTarget[] = [];
      const writers: RecordWriter[] = [];
      const sideWriters = new Map<string, RecordWriter[]>();
      for (const e of n.outEdges) {
        if (members.has(e.targetId) && !networkEdges.has(e)) {
          const target = v.nodes.find((x) => x.id === e.targetId)!;
          chained.push({
            operator: ops.get(e.targetId) as OneInputOperator<unknown, unknown>,
            metrics: metricsOf.get(e.targetId)!,
            name: target.name,
          });
        } else {
          const w = this.writersOf(e);
          this.allWriters.push(w);
          if (e.sideOutputTag !== undefined) {
            const list = sideWriters.get(e.sideOutputTag) ?? [];
            list.push(w);
            sideWriters.set(e.sideOutputTag, list);
          } else writers.push(w);
        }
      }
      const metrics = metricsOf.get(n.id)!;
      const output = new OperatorOutput(metrics, chained, writers, sideWriters, this.subtaskIndex, v.parallelism);
      const op = ops.get(n.id)!;
      const ctx = this.createContext(n, metrics);
      this.backends.push(ctx.keyedBackend);
      op.setup(ctx, output);
      this.operators.push(op);
      this.metrics.push(metrics);
    }
    this.head = this.operators[0]!;
    this.blockers = this.operators.filter(
      (op) => typeof (op as { isInputBlocked?: unknown }).isInputBlocked === 'function',
    ) as unknown as { isInputBlocked(): boolean }[];
    this.keySel0 = v.nodes[0]!.keySelectors[0];
    this.keySel1 = v.nodes[0]!.keySelectors[1];
    this.headBackend = this.backends[0];
    for (let i = 0; i < this.operators.length; i++) {
      try {
        this.operators[i]!.initializeState();
      } catch (e) {
        throw this.attribute(i, e);
      }
    }
    for (let i = this.operators.length - 1; i >= 0; i--) {
      try {
        await this.operators[i]!.open();
      } catch (e) {
        throw this.attribute(i, e);
      }
    }
    this.phase = 'running';
  }

  private createContext(n: StreamNode, metrics: OperatorMetrics): OperatorContext {
    const v = this.vertex;
    const snapshot = this.restored?.[operatorStateKey(n)];
    const keyed = n.keySelectors[0] !== undefined || n.keySelectors[1] !== undefined;
    const keyGroupRange = keyGroupRangeForSubtask(v.maxParallelism, v.parallelism, this.subtaskIndex);
    let keyedBackend: KeyedStateBackend | undefined;
    if (keyed) {
      keyedBackend = createKeyedBackend({
        config: this.services.config,
        keyGroupRange,
        maxParallelism: v.maxParallelism,
        clock: this.services.clock,
        scope: `${operatorStateKey(n).replace(/[^\w.-]/g, '_')}-${this.subtaskIndex}-${this.attempt}`,
      });
      if (snapshot?.keyed) keyedBackend.restore([snapshot.keyed]);
    }
    return {
      operatorName: n.name,
      operatorUid: operatorStateKey(n),
      subtaskIndex: this.subtaskIndex,
      parallelism: v.parallelism,
      maxParallelism: v.maxParallelism,
      attemptNumber: this.attempt,
      config: this.services.config,
      batchMode: this.services.batchMode,
      clock: this.services.clock,
      processingTime: this.services.processingTime,
      keyedBackend,
      operatorState: new OperatorStateStore(snapshot?.operatorState ?? {}),
      metrics,
      restored: snapshot,
      snapshotMode: this.snapshotMode,
      requestRun: this.services.wake,
      fail: this.services.fail,
    };
  }

  private attribute(opIndex: number, e: unknown): unknown {
    if (e instanceof UserFunctionError) return e;
    return new UserFunctionError(this.vertex.nodes[opIndex]!.name, this.subtaskIndex, this.vertex.parallelism, e);
  }

  private outputsAvailable(): boolean {
    const ws = this.allWriters;
    for (let i = 0; i < ws.length; i++) if (!ws[i]!.isAvailable()) return false;
    return true;
  }

  private inputBlocked(): boolean {
    const b = this.blockers;
    for (let i = 0; i < b.length; i++) if (b[i]!.isInputBlocked()) return true;
    return false;
  }

  /** Whether step() could make progress right now. */
  isRunnable(): boolean {
    if (this.phase !== 'running') return false;
    if (this.blockers.length > 0 && this.inputBlocked()) return false;
    if (this.isSource) return !this.sourceWaiting;
    return this.gate!.hasInput();
  }

  /** Processes up to `budget` records. Returns whether anything happened. Never awaits. */
  step(budget: number): boolean {
    if (this.phase !== 'running') return false;
    if (!this.outputsAvailable()) {
      if (this.backPressuredSince === 0) this.backPressuredSince = performance.now();
      return false;
    }
    if (this.backPressuredSince !== 0) {
      this.backPressuredMs += performance.now() - this.backPressuredSince;
      this.backPressuredSince = 0;
    }
    if (this.blockers.length > 0 && this.inputBlocked()) {
      // A full operator takes no input; it calls requestRun() when it has room. Flush what it emitted meanwhile.
      for (let i = 0; i < this.allWriters.length; i++) this.allWriters[i]!.flush();
      return false;
    }
    const start = performance.now();
    const did = this.isSource ? this.stepSource() : this.stepInput(budget);
    const end = performance.now();
    // Partly filled buffers wait (full ones are sent at once) until the buffer timeout or until the thread has
    // nothing else to do: fewer, fuller buffers across threads; low latency whenever the job is not saturated.
    if (end - this.lastFlush >= this.bufferTimeout) this.flushOutputs();
    this.busyMs += end - start;
    return did;
  }

  /** Sends partly filled output buffers. Returns whether anything was sent. */
  flushOutputs(): boolean {
    this.lastFlush = performance.now();
    let sent = false;
    for (let i = 0; i < this.allWriters.length; i++) if (this.allWriters[i]!.flush()) sent = true;
    return sent;
  }

  private stepSource(): boolean {
    if (this.sourceWaiting) return false;
    const src = this.head as SourceOperator<unknown>;
    let status: InputStatus;
    try {
      status = src.emitNext();
    } catch (e) {
      throw this.attribute(0, e);
    }
    if (status === InputStatus.END_OF_INPUT) {
      this.beginFinish(() => src.endInput());
    } else if (status === InputStatus.NOTHING_AVAILABLE) {
      this.sourceWaiting = true;
      src.isAvailable().then(
        () => {
          this.sourceWaiting = false;
          this.services.wake();
        },
        (e) => this.services.fail(this.attribute(0, e)),
      );
    }
    return true;
  }

  private stepInput(budget: number): boolean {
    const gate = this.gate!;
    let did = false;
    while (budget > 0 && this.phase === 'running') {
      const polled = gate.poll();
      if (polled === undefined) break;
      did = true;
      const { channel, entry } = polled;
      switch (entry.kind) {
        case EventKind.Data:
          budget -= entry.values.length;
          this.deliver(channel, entry);
          break;
        case EventKind.Watermark: {
          const wm = gate.updateWatermark(channel, entry.timestamp);
          if (wm !== undefined) this.headWatermark(wm);
          break;
        }
        case EventKind.WatermarkStatus: {
          const wasIdle = gate.isIdle();
          const wm = gate.updateIdle(channel, entry.idle);
          if (wm !== undefined) this.headWatermark(wm);
          if (gate.isIdle() !== wasIdle) this.head.processWatermarkStatus(gate.isIdle());
          break;
        }
        case EventKind.Barrier:
          if (gate.onBarrier(channel, entry, this.alignedCheckpoints)) this.performCheckpoint(entry);
          break;
        case EventKind.EndOfPartition: {
          const wm = gate.finishChannel(channel);
          if (wm !== undefined) this.headWatermark(wm);
          // A channel that ends while others wait for alignment no longer holds the checkpoint back.
          const pending = gate.pendingBarrierEvent();
          if (pending !== undefined && gate.alignmentComplete()) this.performCheckpoint(pending);
          if (gate.allFinished()) this.beginFinish(undefined);
          break;
        }
      }
    }
    gate.rotate();
    return did;
  }

  private headWatermark(wm: number): void {
    try {
      this.head.processWatermark(wm);
    } catch (e) {
      throw this.attribute(0, e);
    }
  }

  private deliver(ch: GateChannel, buf: DataBuffer): void {
    const values = buf.values;
    const ts = buf.timestamps;
    const n = values.length;
    this.metrics[0]!.recordsIn += n;
    try {
      if (this.vertex.nodes[0]!.kind === 'two-input') {
        const op = this.head as TwoInputOperator<unknown, unknown, unknown>;
        const sel = ch.inputIndex === 0 ? this.keySel0 : this.keySel1;
        const backend = this.headBackend;
        for (let i = 0; i < n; i++) {
          if (sel !== undefined) backend!.setCurrentKey(sel(values[i]));
          if (ch.inputIndex === 0) op.processElement1(values[i], ts[i]!);
          else op.processElement2(values[i], ts[i]!);
        }
      } else {
        const op = this.head as OneInputOperator<unknown, unknown>;
        const sel = this.keySel0;
        if (sel === undefined) {
          for (let i = 0; i < n; i++) op.processElement(values[i], ts[i]!);
        } else {
          const backend = this.headBackend!;
          for (let i = 0; i < n; i++) {
            backend.setCurrentKey(sel(values[i]));
            op.processElement(values[i], ts[i]!);
          }
        }
      }
    } catch (e) {
      throw this.attribute(0, e);
    }
  }

  /** Sources: take a checkpoint now (called between batches by the executor). */
  triggerCheckpoint(checkpointId: number, timestamp: number, savepoint: boolean, drain = false): void {
    if (this.phase !== 'running') {
      this.services.declineCheckpoint(checkpointId, this, new Error(`task ${this.name} is ${this.phase}`));
      return;
    }
    // Draining (stop-with-savepoint --drain) fires all event-time timers before the savepoint is taken.
    if (drain) (this.head as SourceOperator<unknown>).emitFinalWatermark();
    this.performCheckpoint({ kind: EventKind.Barrier, checkpointId, timestamp, savepoint });
  }

  private performCheckpoint(barrier: BarrierEvent): void {
    const snapshots: Record<string, OperatorSnapshot> = {};
    // Savepoints are always self-contained.
    this.snapshotMode.incremental = this.incrementalCheckpoints && !barrier.savepoint;
    try {
      for (let i = 0; i < this.operators.length; i++) {
        snapshots[operatorStateKey(this.vertex.nodes[i]!)] = this.operators[i]!.snapshotState(barrier.checkpointId);
      }
    } catch (e) {
      this.services.declineCheckpoint(barrier.checkpointId, this, e);
    }
    for (const w of this.allWriters) w.broadcastEvent(barrier);
    this.gate?.releaseBarrier();
    const prepares: Promise<void>[] = [];
    for (const op of this.operators) {
      const p = (op as { prepareSnapshot?: (id: number) => Promise<void> }).prepareSnapshot?.(barrier.checkpointId);
      if (p) prepares.push(p);
    }
    if (prepares.length === 0) this.services.acknowledgeCheckpoint(barrier.checkpointId, this, snapshots);
    else
      Promise.all(prepares).then(
        () => this.services.acknowledgeCheckpoint(barrier.checkpointId, this, snapshots),
        (e) => this.services.declineCheckpoint(barrier.checkpointId, this, e),
      );
  }

  /** State after end of input, for the final checkpoint (sinks prepare their last transaction here). */
  private async finalSnapshots(): Promise<Record<string, OperatorSnapshot>> {
    const snapshots: Record<string, OperatorSnapshot> = {};
    this.snapshotMode.incremental = false;
    for (let i = 0; i < this.operators.length; i++) {
      try {
        snapshots[operatorStateKey(this.vertex.nodes[i]!)] = this.operators[i]!.snapshotState(FINAL_CHECKPOINT_ID);
        await (this.operators[i] as { prepareSnapshot?: (id: number) => Promise<void> }).prepareSnapshot?.(
          FINAL_CHECKPOINT_ID,
        );
      } catch (e) {
        throw this.attribute(i, e);
      }
    }
    return snapshots;
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    for (const b of this.backends) b?.notifyCheckpointComplete?.(checkpointId);
    for (let i = 0; i < this.operators.length; i++) {
      try {
        await this.operators[i]!.notifyCheckpointComplete(checkpointId);
      } catch (e) {
        throw this.attribute(i, e);
      }
    }
  }

  /** End of input: finish operators head first (each may still emit), then end the output partitions. */
  private beginFinish(before: (() => void) | undefined): void {
    this.phase = 'finishing';
    const run = async () => {
      before?.();
      for (let i = 0; i < this.operators.length; i++) {
        try {
          await this.operators[i]!.finish();
        } catch (e) {
          throw this.attribute(i, e);
        }
      }
      for (const w of this.allWriters) w.broadcastEvent(END_OF_PARTITION);
      const finalSnapshots = this.services.takeFinalSnapshots ? await this.finalSnapshots() : undefined;
      this.phase = 'finished';
      this.services.taskFinished(this, finalSnapshots);
      this.services.wake();
    };
    run().catch((e) => this.services.fail(e));
  }

  async close(): Promise<void> {
    for (let i = 0; i < this.operators.length; i++) {
      try {
        await this.operators[i]!.close();
      } catch {
        // Closing is best effort: the first failure of the job has already been reported.
      }
    }
    for (const b of this.backends) await b?.dispose();
  }

  private lastIn: number[] = [];
  private lastOut: number[] = [];

  metricsSnapshot(elapsedMs: number): TaskMetricsSnapshot {
    const perSecond = 1000 / Math.max(1, elapsedMs);
    const busy = Math.min(1, this.busyMs / Math.max(1, elapsedMs));
    let bp = this.backPressuredMs;
    if (this.backPressuredSince !== 0) bp += performance.now() - this.backPressuredSince;
    const backPressured = Math.min(1 - busy, bp / Math.max(1, elapsedMs));
    this.busyMs = 0;
    this.backPressuredMs = 0;
    if (this.backPressuredSince !== 0) this.backPressuredSince = performance.now();
    return {
      vertex: this.vertex.name,
      subtask: this.subtaskIndex,
      busyRatio: busy,
      backPressuredRatio: backPressured,
      idleRatio: Math.max(0, 1 - busy - backPressured),
      operators: this.vertex.nodes.map((n, i) => {
        // A task that never opened (another task failed first) has no metrics yet: report zeros.
        const m = this.metrics[i] ?? new OperatorMetrics();
        const inRate = (m.recordsIn - (this.lastIn[i] ?? 0)) * perSecond;
        const outRate = (m.recordsOut - (this.lastOut[i] ?? 0)) * perSecond;
        this.lastIn[i] = m.recordsIn;
        this.lastOut[i] = m.recordsOut;
        return {
          operator: n.name,
          role: n.kind === 'source' ? 'source' : n.outEdges.length === 0 ? 'sink' : 'operator',
          subtask: this.subtaskIndex,
          recordsIn: m.recordsIn,
          recordsOut: m.recordsOut,
          recordsInPerSecond: Math.round(inRate),
          recordsOutPerSecond: Math.round(outRate),
          lateRecordsDropped: m.lateRecordsDropped,
          watermark: m.currentInputWatermark,
          stateEntries: this.backends[i]?.entryCount() ?? 0,
          counters: { ...m.counters },
        };
      }),
    };
  }
}

export { isTwoInput };
