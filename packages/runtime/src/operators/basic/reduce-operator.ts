import type { Lifecycle } from '../../functions/rich-function.js';
import type { ValueState } from '../../state/state.js';
import { UserFunctionOperator } from '../user-function-operator.js';

/**
 * Rolling reduce on a keyed stream: in streaming mode every input emits the updated value (as Flink does);
 * in batch mode only the final value per key is emitted at end of input.
 */
export class ReduceOperator<T> extends UserFunctionOperator<T, T> {
  private state!: ValueState<T>;
  private readonly lastTimestamp = new Map<unknown, number>();
  constructor(
    private readonly fn: (a: T, b: T) => T,
    lifecycle?: Lifecycle,
  ) {
    super(lifecycle);
  }
  override async open(): Promise<void> {
    await super.open();
    this.state = this.ctx.keyedBackend!.getOrCreateState({ kind: 'value', name: '_reduce' });
  }
  processElement(value: T, timestamp: number): void {
    const cur = this.state.value();
    const next = cur === undefined ? value : this.fn(cur, value);
    this.state.update(next);
    if (this.ctx.batchMode) this.lastTimestamp.set(this.ctx.keyedBackend!.getCurrentKey(), timestamp);
    else this.output.collect(next, timestamp);
  }
  override finish(): void {
    super.finish();
    if (!this.ctx.batchMode) return;
    const backend = this.ctx.keyedBackend!;
    for (const [key, ts] of this.lastTimestamp) {
      backend.setCurrentKey(key);
      this.output.collect(this.state.value()!, ts);
    }
  }
}
