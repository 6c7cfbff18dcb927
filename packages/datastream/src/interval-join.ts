import { ProgramError } from '@tributary/core';
import { IntervalJoinOperator, type OutputTag, type ProcessJoinFunction } from '@tributary/runtime';
import type { DataStream } from './data-stream.js';
import type { KeyedStream } from './keyed-stream.js';
import { StreamClasses } from './registry.js';

/** keyed.intervalJoin(otherKeyed): pick the interval with between(lower, upper). */
export class IntervalJoin<A, B, K> {
  constructor(
    private readonly left: KeyedStream<A, K>,
    private readonly right: KeyedStream<B, K>,
  ) {}

  /**
   * Joins a left element at time t with right elements of the same key in [t + lowerMs, t + upperMs] (event
   * time; both bounds inclusive unless made exclusive).
   */
  between(lowerMs: number, upperMs: number): IntervalJoined<A, B, K> {
    if (!Number.isFinite(lowerMs) || !Number.isFinite(upperMs)) {
      throw new ProgramError(`intervalJoin(...).between needs finite bounds in ms, got ${lowerMs} and ${upperMs}`);
    }
    if (lowerMs > upperMs) {
      throw new ProgramError(`intervalJoin(...).between: lower bound ${lowerMs} must be <= upper bound ${upperMs}`);
    }
    return new IntervalJoined(this.left, this.right, lowerMs, upperMs);
  }
}

export class IntervalJoined<A, B, K> {
  private lowerInclusive = true;
  private upperInclusive = true;
  private leftLateTag: string | undefined;
  private rightLateTag: string | undefined;

  constructor(
    private readonly left: KeyedStream<A, K>,
    private readonly right: KeyedStream<B, K>,
    private readonly lower: number,
    private readonly upper: number,
  ) {}

  lowerBoundExclusive(): this {
    this.lowerInclusive = false;
    return this;
  }
  upperBoundExclusive(): this {
    this.upperInclusive = false;
    return this;
  }
  /** Left elements behind the watermark go here instead of being dropped. */
  sideOutputLeftLateData(tag: OutputTag<A>): this {
    this.leftLateTag = tag.id;
    return this;
  }
  sideOutputRightLateData(tag: OutputTag<B>): this {
    this.rightLateTag = tag.id;
    return this;
  }

  process<O>(fn: ProcessJoinFunction<A, B, O>, name = 'IntervalJoin'): DataStream<O> {
    if (typeof fn !== 'function' && typeof fn?.processElement !== 'function') {
      throw new ProgramError('intervalJoin(...).process needs a function or an object with processElement');
    }
    const spec = {
      lowerBound: this.lowerInclusive ? this.lower : this.lower + 1,
      upperBound: this.upperInclusive ? this.upper : this.upper - 1,
      fn,
      leftLateTag: this.leftLateTag,
      rightLateTag: this.rightLateTag,
    };
    if (spec.lowerBound > spec.upperBound) {
      throw new ProgramError(
        `intervalJoin(...): the interval (${this.lower}, ${this.upper}) is empty with the exclusive bounds given`,
      );
    }
    const env = this.left.env;
    const node = env.addOperator({
      name,
      kind: 'two-input',
      createOperator: () => new IntervalJoinOperator<A, B, O>(spec),
      inputs: [this.left.asInputOf(), this.right.asInputOf()],
      requiresWatermarks: 'an interval join (event time)',
      requiresKeyedInput: 'An interval join',
    });
    return new StreamClasses.dataStream!<O>(env, [{ nodeId: node.id }]);
  }
}
