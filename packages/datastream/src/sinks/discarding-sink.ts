import type { Sink, SinkWriter } from '@tributary/runtime';

/** Drops every record (Flink's DiscardingSink / SQL 'blackhole'); for benchmarks and side-effect-only jobs. */
export class DiscardingSink<T> implements Sink<T> {
  readonly name = 'Discarding Sink';
  readonly guarantee = 'exactly-once';
  createWriter(): SinkWriter<T> {
    return { write() {}, flush() {}, close() {} };
  }
}
