/** Time-to-live of keyed state entries, as Flink's StateTtlConfig: measured in processing time. */
export interface StateTtlConfig {
  readonly ttlMs: number;
  /** When the last-access time is refreshed. */
  readonly updateType?: 'OnCreateAndWrite' | 'OnReadAndWrite';
  /** Whether an expired entry that was not cleaned up yet may still be read. */
  readonly visibility?: 'NeverReturnExpired' | 'ReturnExpiredIfNotCleanedUp';
}

export interface AggregateFunction<IN, ACC, OUT> {
  createAccumulator(): ACC;
  add(value: IN, accumulator: ACC): ACC;
  getResult(accumulator: ACC): OUT;
  merge?(a: ACC, b: ACC): ACC;
}

export type ReduceFunction<T> = (a: T, b: T) => T;

interface BaseDescriptor {
  readonly name: string;
  readonly ttl?: StateTtlConfig;
}

export interface ValueStateDescriptor<T> extends BaseDescriptor {
  readonly kind: 'value';
  readonly defaultValue?: T;
}
export interface ListStateDescriptor<T> extends BaseDescriptor {
  readonly kind: 'list';
  readonly __element?: T;
}
export interface MapStateDescriptor<K, V> extends BaseDescriptor {
  readonly kind: 'map';
  readonly __entry?: [K, V];
}
export interface ReducingStateDescriptor<T> extends BaseDescriptor {
  readonly kind: 'reducing';
  readonly reduce: ReduceFunction<T>;
}
export interface AggregatingStateDescriptor<IN, ACC, OUT> extends BaseDescriptor {
  readonly kind: 'aggregating';
  readonly aggregate: AggregateFunction<IN, ACC, OUT>;
}

export type StateDescriptor =
  | ValueStateDescriptor<any>
  | ListStateDescriptor<any>
  | MapStateDescriptor<any, any>
  | ReducingStateDescriptor<any>
  | AggregatingStateDescriptor<any, any, any>;

/** Builders so user code reads like Flink's descriptors without Java's ceremony. */
export const StateDescriptors = {
  value<T>(name: string, options: { defaultValue?: T; ttl?: StateTtlConfig } = {}): ValueStateDescriptor<T> {
    return { kind: 'value', name, ...options };
  },
  list<T>(name: string, options: { ttl?: StateTtlConfig } = {}): ListStateDescriptor<T> {
    return { kind: 'list', name, ...options };
  },
  map<K, V>(name: string, options: { ttl?: StateTtlConfig } = {}): MapStateDescriptor<K, V> {
    return { kind: 'map', name, ...options };
  },
  reducing<T>(
    name: string,
    reduce: ReduceFunction<T>,
    options: { ttl?: StateTtlConfig } = {},
  ): ReducingStateDescriptor<T> {
    return { kind: 'reducing', name, reduce, ...options };
  },
  aggregating<IN, ACC, OUT>(
    name: string,
    aggregate: AggregateFunction<IN, ACC, OUT>,
    options: { ttl?: StateTtlConfig } = {},
  ): AggregatingStateDescriptor<IN, ACC, OUT> {
    return { kind: 'aggregating', name, aggregate, ...options };
  },
};
