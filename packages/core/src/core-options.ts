import { ConfigOptions } from './config.js';

const { define } = ConfigOptions;

/** Options of the runtime, named as in Apache Flink where Flink has the concept. */
export const CoreOptions = {
  DEFAULT_PARALLELISM: define<number>({
    key: 'parallelism.default',
    type: 'int',
    defaultValue: 1,
    min: 1,
    description: 'Parallelism of operators that do not set their own.',
  }),
  MAX_PARALLELISM: define<number>({
    key: 'pipeline.max-parallelism',
    type: 'int',
    defaultValue: 128,
    min: 1,
    description: 'Number of key groups; the upper bound for rescaling keyed state.',
  }),
  RUNTIME_MODE: define<string>({
    key: 'execution.runtime-mode',
    type: 'enum',
    values: ['STREAMING', 'BATCH', 'AUTOMATIC'],
    defaultValue: 'STREAMING',
    description: 'STREAMING, BATCH, or AUTOMATIC (BATCH when every source is bounded).',
  }),
  AUTO_WATERMARK_INTERVAL: define<number>({
    key: 'pipeline.auto-watermark-interval',
    type: 'duration',
    defaultValue: 200,
    description: 'How often periodic watermark generators are asked for a watermark.',
  }),
  BUFFER_TIMEOUT: define<number>({
    key: 'execution.buffer-timeout.interval',
    type: 'duration',
    defaultValue: 100,
    description: 'Longest time a partly filled output buffer waits before it is sent.',
  }),
  BUFFER_RECORDS: define<number>({
    key: 'tributary.buffer.records',
    type: 'int',
    defaultValue: 1024,
    min: 1,
    description: 'Records per buffer between tasks.',
  }),
  BUFFERS_PER_CHANNEL: define<number>({
    key: 'tributary.buffer.per-channel',
    type: 'int',
    defaultValue: 4,
    min: 1,
    description: 'Buffers a channel holds before the sender is back-pressured.',
  }),
  REMOTE_BUFFERS_PER_CHANNEL: define<number>({
    key: 'tributary.buffer.remote-per-channel',
    type: 'int',
    defaultValue: 32,
    min: 1,
    description:
      'Credits (buffers in flight) of a channel between worker threads; more than local channels because credits ' +
      'return only when the receiving thread yields.',
  }),
  WORKER_THREADS: define<string>({
    key: 'tributary.worker-threads',
    type: 'enum',
    values: ['auto', 'true', 'false'],
    defaultValue: 'auto',
    description:
      'Run parallel subtasks on worker threads. auto: when parallelism > 1 and the program was started from a file.',
  }),
  PIPELINE_NAME: define<string>({
    key: 'pipeline.name',
    type: 'string',
    defaultValue: '',
    description: 'Job name used when execute() is not given one.',
  }),
  OPERATOR_CHAINING: define<boolean>({
    key: 'pipeline.operator-chaining.enabled',
    type: 'boolean',
    defaultValue: true,
    description: 'Chain operators connected by forward edges into one task.',
  }),
  STATE_BACKEND: define<string>({
    key: 'state.backend.type',
    type: 'enum',
    values: ['hashmap', 'lmdb'],
    defaultValue: 'hashmap',
    description: 'hashmap keeps keyed state on the heap; lmdb keeps it in an embedded on-disk store.',
  }),
  STATE_LMDB_DIR: define<string>({
    key: 'state.backend.lmdb.localdir',
    type: 'string',
    defaultValue: '',
    description: 'Directory for the lmdb state backend (a temporary directory when empty).',
  }),
  METRICS_INTERVAL: define<number>({
    key: 'metrics.reporter.interval',
    type: 'duration',
    defaultValue: 1000,
    description: 'How often subtasks report metrics to the job.',
  }),
};
