import type { Sink, SinkWriter } from '@tributary/runtime';
import type { Row, TableFactory } from './table-factory.js';

const discard: SinkWriter<Row> = { write() {}, flush() {}, close() {} };

/** Swallows every row (for benchmarks and tests). */
export const blackholeSink: Sink<Row> = { name: 'BlackHole Sink', createWriter: () => discard };

/** The 'blackhole' connector: a sink accepting every change kind and discarding it. */
export const blackholeTableFactory: TableFactory = {
  identifier: 'blackhole',
  requiredOptions: [],
  optionalOptions: [],
  createSink: () => ({ sink: blackholeSink, acceptedChangelogMode: 'all' }),
};
