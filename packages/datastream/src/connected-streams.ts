import {
  type Collector,
  type CoProcessFunction,
  CoProcessOperator,
  type Key,
  type KeyedCoProcessFunction,
  type KeySelector,
} from '@tributary/runtime';
import type { DataStream } from './data-stream.js';
import { StreamClasses } from './registry.js';
import type { OperatorInput } from './stream-ref.js';

/** Two streams of possibly different types processed by one function with shared state (connect()). */
export class ConnectedStreams<A, B> {
  constructor(
    private readonly first: OperatorInput,
    private readonly second: OperatorInput,
    private readonly stream: DataStream<A>,
  ) {}

  /** Partitions both inputs by key so that state and timers are shared per key. */
  keyBy<K extends Key>(key1: (a: A) => K, key2: (b: B) => K): ConnectedStreams<A, B> {
    const hash = (input: OperatorInput, k: KeySelector): OperatorInput => ({
      refs: input.refs.map((r) => ({ ...r, partitioner: { type: 'hash', keySelector: k } })),
      keySelector: k,
    });
    return new ConnectedStreams(
      hash(this.first, key1 as KeySelector),
      hash(this.second, key2 as KeySelector),
      this.stream,
    );
  }

  process<O>(fn: CoProcessFunction<A, B, O> | KeyedCoProcessFunction<any, A, B, O>, name = 'CoProcess'): DataStream<O> {
    const node = this.stream.env.addOperator({
      name,
      kind: 'two-input',
      createOperator: () => new CoProcessOperator(fn),
      inputs: [this.first, this.second],
    });
    return new StreamClasses.dataStream!<O>(this.stream.env, [{ nodeId: node.id }]);
  }

  map<O>(map1: (a: A) => O, map2: (b: B) => O, name = 'CoMap'): DataStream<O> {
    return this.process<O>(
      {
        processElement1: (v: A, _c: unknown, out: Collector<O>) => out.collect(map1(v)),
        processElement2: (v: B, _c: unknown, out: Collector<O>) => out.collect(map2(v)),
      },
      name,
    );
  }

  flatMap<O>(
    f1: (a: A, out: Collector<O>) => void,
    f2: (b: B, out: Collector<O>) => void,
    name = 'CoFlatMap',
  ): DataStream<O> {
    return this.process<O>(
      {
        processElement1: (v: A, _c: unknown, out: Collector<O>) => f1(v, out),
        processElement2: (v: B, _c: unknown, out: Collector<O>) => f2(v, out),
      },
      name,
    );
  }
}

StreamClasses.connectedStreams = ConnectedStreams as never;
