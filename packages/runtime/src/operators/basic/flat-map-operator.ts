import type { Lifecycle } from '../../functions/rich-function.js';
import type { Collector } from '../output.js';
import { UserFunctionOperator } from '../user-function-operator.js';

/** flatMap: the function either returns an iterable or emits into the collector (or both). */
export class FlatMapOperator<IN, OUT> extends UserFunctionOperator<IN, OUT> implements Collector<OUT> {
  private timestamp = 0;
  constructor(
    private readonly fn: (value: IN, out: Collector<OUT>) => Iterable<OUT> | undefined | void,
    lifecycle?: Lifecycle,
  ) {
    super(lifecycle);
  }
  collect(value: OUT): void {
    this.output.collect(value, this.timestamp);
  }
  processElement(value: IN, timestamp: number): void {
    this.timestamp = timestamp;
    const r = this.fn(value, this);
    if (r !== undefined && r !== null) {
      if (Array.isArray(r)) {
        for (let i = 0; i < r.length; i++) this.output.collect(r[i], timestamp);
      } else {
        for (const v of r as Iterable<OUT>) this.output.collect(v, timestamp);
      }
    }
  }
}
