import type { KeySelector, MapStateDescriptor } from '@tributary/runtime';
import type { BroadcastConnectedStream, BroadcastStream } from './broadcast-stream.js';
import type { ConnectedStreams } from './connected-streams.js';
import type { DataStream } from './data-stream.js';
import type { StreamExecutionEnvironment } from './environment.js';
import type { KeyedStream } from './keyed-stream.js';
import type { OperatorInput, StreamRef } from './stream-ref.js';

/**
 * Late-bound constructors. Stream classes return one another (keyBy -> KeyedStream -> DataStream); binding the
 * constructors at load time keeps the module graph free of import cycles.
 */
export const StreamClasses: {
  dataStream?: new <T>(env: StreamExecutionEnvironment, refs: readonly StreamRef[]) => DataStream<T>;
  connectedStreams?: new <A, B>(
    first: OperatorInput,
    second: OperatorInput,
    stream: DataStream<A>,
  ) => ConnectedStreams<A, B>;
  keyedStream?: new <T, K>(
    env: StreamExecutionEnvironment,
    refs: readonly StreamRef[],
    key: KeySelector,
  ) => KeyedStream<T, K>;
  broadcastStream?: new <T>(
    env: StreamExecutionEnvironment,
    refs: readonly StreamRef[],
    descriptors: readonly MapStateDescriptor<any, any>[],
  ) => BroadcastStream<T>;
  broadcastConnectedStream?: new <A, B>(
    main: OperatorInput,
    broadcast: BroadcastStream<B>,
    env: StreamExecutionEnvironment,
  ) => BroadcastConnectedStream<A, B>;
} = {};
