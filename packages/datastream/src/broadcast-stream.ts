import { ProgramError } from '@tributary/core';
import {
  type BroadcastProcessFunction,
  BroadcastProcessOperator,
  type KeyedBroadcastProcessFunction,
  type MapStateDescriptor,
} from '@tributary/runtime';
import type { DataStream } from './data-stream.js';
import type { StreamExecutionEnvironment } from './environment.js';
import { StreamClasses } from './registry.js';
import type { OperatorInput, StreamRef } from './stream-ref.js';

/**
 * A stream every downstream subtask receives whole, together with the broadcast state it fills
 * (`stream.broadcast(descriptor, ...)`). Connect a main stream to it: `main.connect(b).process(...)`.
 */
export class BroadcastStream<T> {
  /** Element type marker (types only). */
  declare readonly __element?: T;
  /** @internal */ readonly refs: readonly StreamRef[];
  constructor(
    readonly env: StreamExecutionEnvironment,
    refs: readonly StreamRef[],
    readonly descriptors: readonly MapStateDescriptor<any, any>[],
  ) {
    for (const d of descriptors) {
      if (d?.kind !== 'map') {
        throw new ProgramError(
          `broadcast(...) takes MapStateDescriptors (StateDescriptors.map(name)); got ${d === undefined ? 'undefined' : `${d.kind} state '${d.name}'`}`,
        );
      }
    }
    this.refs = refs.map((r) => ({ ...r, partitioner: { type: 'broadcast' } }));
  }
}

/** A main stream (keyed or not) connected to a broadcast stream; process() adds the operator. */
export class BroadcastConnectedStream<IN, BIN> {
  constructor(
    private readonly main: OperatorInput,
    private readonly broadcast: BroadcastStream<BIN>,
    private readonly env: StreamExecutionEnvironment,
  ) {}

  /**
   * Keyed main stream: a KeyedBroadcastProcessFunction (keyed state, timers, applyToKeyedState).
   * Non-keyed main stream: a BroadcastProcessFunction.
   */
  process<O>(
    fn: BroadcastProcessFunction<IN, BIN, O> | KeyedBroadcastProcessFunction<any, IN, BIN, O>,
    name = 'BroadcastProcess',
  ): DataStream<O> {
    const descriptors = this.broadcast.descriptors;
    const node = this.env.addOperator({
      name,
      kind: 'two-input',
      createOperator: () => new BroadcastProcessOperator<IN, BIN, O>(fn, descriptors),
      inputs: [this.main, { refs: this.broadcast.refs }],
    });
    return new StreamClasses.dataStream!<O>(this.env, [{ nodeId: node.id }]);
  }
}

StreamClasses.broadcastStream = BroadcastStream as never;
StreamClasses.broadcastConnectedStream = BroadcastConnectedStream as never;
