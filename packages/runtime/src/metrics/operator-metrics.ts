/** Counters an operator subtask keeps; the task reads them when it reports. Plain fields: cheap in hot loops. */
export class OperatorMetrics {
  recordsIn = 0;
  recordsOut = 0;
  /** Records dropped for arriving after the watermark (+ allowed lateness) with no late-data output. */
  lateRecordsDropped = 0;
  currentInputWatermark = Number.NEGATIVE_INFINITY;
  currentOutputWatermark = Number.NEGATIVE_INFINITY;
  /** Filled in by the reporter from the state backend. */
  stateEntries = 0;
  /** Extra named counters (e.g. parse errors skipped, async timeouts). */
  readonly counters: Record<string, number> = {};
  inc(name: string, by = 1): void {
    this.counters[name] = (this.counters[name] ?? 0) + by;
  }
}

export interface OperatorMetricsSnapshot {
  readonly operator: string;
  /** source: emits into the job; sink: has no outputs; operator: everything else. */
  readonly role: 'source' | 'operator' | 'sink';
  readonly subtask: number;
  readonly recordsIn: number;
  readonly recordsOut: number;
  /** Rates over the last reporting interval. */
  readonly recordsInPerSecond: number;
  readonly recordsOutPerSecond: number;
  readonly lateRecordsDropped: number;
  readonly watermark: number;
  readonly stateEntries: number;
  readonly counters: Record<string, number>;
}

export interface TaskMetricsSnapshot {
  readonly vertex: string;
  readonly subtask: number;
  /** Share of wall time (0..1) since the last report spent processing, blocked on full outputs, and idle. */
  readonly busyRatio: number;
  readonly backPressuredRatio: number;
  readonly idleRatio: number;
  readonly operators: OperatorMetricsSnapshot[];
}
