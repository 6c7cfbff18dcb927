import type { Lifecycle } from '../../functions/rich-function.js';
import { UserFunctionOperator } from '../user-function-operator.js';

export class MapOperator<IN, OUT> extends UserFunctionOperator<IN, OUT> {
  constructor(
    private readonly fn: (value: IN) => OUT,
    lifecycle?: Lifecycle,
  ) {
    super(lifecycle);
  }
  processElement(value: IN, timestamp: number): void {
    this.output.collect(this.fn(value), timestamp);
  }
}
