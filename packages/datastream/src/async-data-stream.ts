import { type AsyncFunction, AsyncWaitOperator, type AsyncWaitOptions } from '@tributary/runtime';
import type { DataStream } from './data-stream.js';

/**
 * Async I/O as in Flink's AsyncDataStream: enriches a stream with calls to an external service without blocking
 * the pipeline. `orderedWait` emits results in input order; `unorderedWait` emits them as they complete, but
 * never across a watermark. At most `capacity` calls are in flight; a full operator back-pressures its input.
 */
export const AsyncDataStream = {
  orderedWait<IN, OUT>(
    stream: DataStream<IN>,
    fn: AsyncFunction<IN, OUT>,
    options: AsyncWaitOptions<IN, OUT> = {},
    name = 'Async Wait (ordered)',
  ): DataStream<OUT> {
    new AsyncWaitOperator(fn, 'ordered', options); // validates the options while the program is built
    return stream.transform<OUT>(name, () => new AsyncWaitOperator(fn, 'ordered', options));
  },

  unorderedWait<IN, OUT>(
    stream: DataStream<IN>,
    fn: AsyncFunction<IN, OUT>,
    options: AsyncWaitOptions<IN, OUT> = {},
    name = 'Async Wait (unordered)',
  ): DataStream<OUT> {
    new AsyncWaitOperator(fn, 'unordered', options);
    return stream.transform<OUT>(name, () => new AsyncWaitOperator(fn, 'unordered', options));
  },
};
