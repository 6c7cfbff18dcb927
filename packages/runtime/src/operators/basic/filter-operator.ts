import type { Lifecycle } from '../../functions/rich-function.js';
import { UserFunctionOperator } from '../user-function-operator.js';

export class FilterOperator<T> extends UserFunctionOperator<T, T> {
  constructor(
    private readonly fn: (value: T) => boolean,
    lifecycle?: Lifecycle,
  ) {
    super(lifecycle);
  }
  processElement(value: T, timestamp: number): void {
    if (this.fn(value)) this.output.collect(value, timestamp);
  }
}
