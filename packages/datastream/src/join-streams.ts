import { ProgramError } from '@tributary/core';
import {
  type CoGroupFunction,
  coGroupWindowFunction,
  type Evictor,
  type FlatJoinFunction,
  flatJoinAsCoGroup,
  type JoinFunction,
  joinAsCoGroup,
  type Key,
  type TaggedUnion,
  type Trigger,
  type Window,
  type WindowAssigner,
} from '@tributary/runtime';
import type { DataStream } from './data-stream.js';

type KeyFn<T, K> = (value: T) => K;

/**
 * A window join or coGroup once both keys and the window are given. As in Flink it runs as one window over the
 * union of both inputs, each element tagged with its side, keyed by the side's key.
 */
export class CoGroupedWindow<A, B, K, W extends Window> {
  private triggerSpec: Trigger<TaggedUnion<A, B>, W> | undefined;
  private evictorSpec: Evictor<TaggedUnion<A, B>, W> | undefined;
  private lateness = 0;

  constructor(
    private readonly first: DataStream<A>,
    private readonly second: DataStream<B>,
    private readonly key1: KeyFn<A, K>,
    private readonly key2: KeyFn<B, K>,
    private readonly assigner: WindowAssigner<TaggedUnion<A, B>, W>,
    private readonly what: 'Join' | 'CoGroup',
  ) {}

  trigger(trigger: Trigger<TaggedUnion<A, B>, W>): this {
    this.triggerSpec = trigger;
    return this;
  }
  evictor(evictor: Evictor<TaggedUnion<A, B>, W>): this {
    this.evictorSpec = evictor;
    return this;
  }
  allowedLateness(ms: number): this {
    this.lateness = ms;
    return this;
  }

  /** @internal Runs the user's coGroup once per key and window. */
  coGroupWith<O>(fn: CoGroupFunction<A, B, O>, name: string): DataStream<O> {
    const k1 = this.key1;
    const k2 = this.key2;
    const tagged1 = this.first.map((value: A): TaggedUnion<A, B> => ({ tag: 1, value }), `${this.what}: tag first`);
    const tagged2 = this.second.map((value: B): TaggedUnion<A, B> => ({ tag: 2, value }), `${this.what}: tag second`);
    const keyed = tagged1
      .union(tagged2)
      .keyBy((t) => (t.tag === 1 ? k1(t.value as A) : k2(t.value as B)) as unknown as Key);
    const windowed = keyed.window(this.assigner);
    if (this.triggerSpec) windowed.trigger(this.triggerSpec);
    if (this.evictorSpec) windowed.evictor(this.evictorSpec);
    windowed.allowedLateness(this.lateness);
    return windowed.process(coGroupWindowFunction<A, B, O, unknown, W>(fn), name);
  }
}

/** stream.join(other).where(k1).equalTo(k2).window(assigner).apply(fn): an inner join per key and window. */
export class JoinedStreams<A, B> {
  constructor(
    private readonly first: DataStream<A>,
    private readonly second: DataStream<B>,
  ) {}
  where<K>(key1: KeyFn<A, K>): { equalTo(key2: KeyFn<B, K>): JoinEqualTo<A, B, K> } {
    requireFn(key1, 'join(...).where');
    return {
      equalTo: (key2) => {
        requireFn(key2, 'join(...).equalTo');
        return new JoinEqualTo(this.first, this.second, key1, key2);
      },
    };
  }
}

export class JoinEqualTo<A, B, K> {
  constructor(
    private readonly first: DataStream<A>,
    private readonly second: DataStream<B>,
    private readonly key1: KeyFn<A, K>,
    private readonly key2: KeyFn<B, K>,
  ) {}
  window<W extends Window>(assigner: WindowAssigner<TaggedUnion<A, B>, W>): JoinedWindow<A, B, K, W> {
    return new JoinedWindow(this.first, this.second, this.key1, this.key2, assigner, 'Join');
  }
}

export class JoinedWindow<A, B, K, W extends Window> extends CoGroupedWindow<A, B, K, W> {
  /** Calls fn for every pair (a, b) of the same key in the same window; emits what it returns. */
  apply<O>(fn: JoinFunction<A, B, O>, name = 'Window Join'): DataStream<O> {
    return this.coGroupWith(joinAsCoGroup(fn), name);
  }
  /** Like apply, but fn emits any number of results through `out`. */
  flatApply<O>(fn: FlatJoinFunction<A, B, O>, name = 'Window Join'): DataStream<O> {
    return this.coGroupWith(flatJoinAsCoGroup(fn), name);
  }
}

/** stream.coGroup(other).where(k1).equalTo(k2).window(assigner).apply(fn): both sides' elements per key and window. */
export class CoGroupedStreams<A, B> {
  constructor(
    private readonly first: DataStream<A>,
    private readonly second: DataStream<B>,
  ) {}
  where<K>(key1: KeyFn<A, K>): { equalTo(key2: KeyFn<B, K>): CoGroupEqualTo<A, B, K> } {
    requireFn(key1, 'coGroup(...).where');
    return {
      equalTo: (key2) => {
        requireFn(key2, 'coGroup(...).equalTo');
        return new CoGroupEqualTo(this.first, this.second, key1, key2);
      },
    };
  }
}

export class CoGroupEqualTo<A, B, K> {
  constructor(
    private readonly first: DataStream<A>,
    private readonly second: DataStream<B>,
    private readonly key1: KeyFn<A, K>,
    private readonly key2: KeyFn<B, K>,
  ) {}
  window<W extends Window>(assigner: WindowAssigner<TaggedUnion<A, B>, W>): CoGroupWindow<A, B, K, W> {
    return new CoGroupWindow(this.first, this.second, this.key1, this.key2, assigner, 'CoGroup');
  }
}

export class CoGroupWindow<A, B, K, W extends Window> extends CoGroupedWindow<A, B, K, W> {
  /** Calls fn once per key and window with the elements of each side (one side may be empty). */
  apply<O>(fn: CoGroupFunction<A, B, O>, name = 'Window CoGroup'): DataStream<O> {
    return this.coGroupWith(fn, name);
  }
}

function requireFn(f: unknown, where: string): void {
  if (typeof f !== 'function') throw new ProgramError(`${where} needs a key selector function`);
}
