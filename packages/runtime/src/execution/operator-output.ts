import { UserFunctionError } from '@tributary/core';
import type { OperatorMetrics } from '../metrics/operator-metrics.js';
import type { Output } from '../operators/output.js';
import type { OneInputOperator } from '../operators/stream-operator.js';
import type { EventKind, WatermarkStatusEvent } from './elements.js';
import type { RecordWriter } from './record-writer.js';

/** A chained successor of an operator inside the same task. */
export interface ChainedTarget {
  readonly operator: OneInputOperator<unknown, unknown>;
  readonly metrics: OperatorMetrics;
  readonly name: string;
}

/**
 * Output of one operator in a chain: calls chained successors directly (same thread, no copy) and appends to
 * record writers of network edges. Errors thrown by a successor are attributed to it once.
 */
export class OperatorOutput implements Output<unknown> {
  private readonly single: ChainedTarget | undefined;
  private readonly singleWriter: RecordWriter | undefined;
  constructor(
    private readonly metrics: OperatorMetrics,
    private readonly chained: ChainedTarget[],
    private readonly writers: RecordWriter[],
    private readonly sideWriters: Map<string, RecordWriter[]>,
    private readonly subtask: number,
    private readonly parallelism: number,
  ) {
    this.single = chained.length === 1 && writers.length === 0 ? chained[0] : undefined;
    this.singleWriter = chained.length === 0 && writers.length === 1 ? writers[0] : undefined;
  }

  collect(value: unknown, timestamp: number): void {
    this.metrics.recordsOut++;
    const s = this.single;
    if (s !== undefined) {
      s.metrics.recordsIn++;
      try {
        s.operator.processElement(value, timestamp);
      } catch (e) {
        throw this.wrap(s, e);
      }
      return;
    }
    const w = this.singleWriter;
    if (w !== undefined) {
      w.emit(value, timestamp);
      return;
    }
    for (let i = 0; i < this.chained.length; i++) {
      const t = this.chained[i]!;
      t.metrics.recordsIn++;
      try {
        t.operator.processElement(value, timestamp);
      } catch (e) {
        throw this.wrap(t, e);
      }
    }
    for (let i = 0; i < this.writers.length; i++) this.writers[i]!.emit(value, timestamp);
  }

  collectSide(tagId: string, value: unknown, timestamp: number): void {
    const ws = this.sideWriters.get(tagId);
    if (ws === undefined) return;
    for (const w of ws) w.emit(value, timestamp);
  }

  emitWatermark(watermark: number): void {
    this.metrics.currentOutputWatermark = watermark;
    for (const t of this.chained) {
      try {
        t.operator.processWatermark(watermark);
      } catch (e) {
        throw this.wrap(t, e);
      }
    }
    const ev = { kind: 1 as EventKind.Watermark, timestamp: watermark };
    for (const w of this.writers) w.broadcastEvent(ev);
    for (const ws of this.sideWriters.values()) for (const w of ws) w.broadcastEvent(ev);
  }

  emitWatermarkStatus(idle: boolean): void {
    for (const t of this.chained) t.operator.processWatermarkStatus(idle);
    const ev: WatermarkStatusEvent = { kind: 2 as EventKind.WatermarkStatus, idle };
    for (const w of this.writers) w.broadcastEvent(ev);
    for (const ws of this.sideWriters.values()) for (const w of ws) w.broadcastEvent(ev);
  }

  private wrap(t: ChainedTarget, e: unknown): unknown {
    return e instanceof UserFunctionError ? e : new UserFunctionError(t.name, this.subtask, this.parallelism, e);
  }
}
