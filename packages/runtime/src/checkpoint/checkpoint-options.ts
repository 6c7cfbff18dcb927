import { ConfigOptions, type Configuration } from '@tributary/core';

const { define } = ConfigOptions;

/** Checkpointing, savepoint and restart options under Flink 2.x names (older names accepted as fallbacks). */
export const CheckpointOptions = {
  INTERVAL: define<number>({
    key: 'execution.checkpointing.interval',
    type: 'duration',
    defaultValue: 0,
    description: 'Time between checkpoints; 0 disables periodic checkpoints.',
  }),
  MODE: define<string>({
    key: 'execution.checkpointing.mode',
    type: 'enum',
    values: ['EXACTLY_ONCE', 'AT_LEAST_ONCE'],
    defaultValue: 'EXACTLY_ONCE',
    description: 'EXACTLY_ONCE aligns barriers; AT_LEAST_ONCE does not wait for alignment.',
  }),
  TIMEOUT: define<number>({
    key: 'execution.checkpointing.timeout',
    type: 'duration',
    defaultValue: 600_000,
    description: 'A checkpoint that takes longer is aborted.',
  }),
  MIN_PAUSE: define<number>({
    key: 'execution.checkpointing.min-pause',
    type: 'duration',
    defaultValue: 0,
    description: 'Least time between the end of one checkpoint and the start of the next.',
  }),
  MAX_CONCURRENT: define<number>({
    key: 'execution.checkpointing.max-concurrent-checkpoints',
    type: 'int',
    defaultValue: 1,
    min: 1,
    description: 'Checkpoints that may be in progress at once.',
  }),
  DIR: define<string>({
    key: 'execution.checkpointing.dir',
    type: 'string',
    defaultValue: '',
    fallbackKeys: ['state.checkpoints.dir'],
    description: 'Directory for checkpoints (a job gets a subdirectory named after it).',
  }),
  INCREMENTAL: define<boolean>({
    key: 'execution.checkpointing.incremental',
    type: 'boolean',
    defaultValue: false,
    description: 'Backends that support it (lmdb) store only key groups changed since the last checkpoint.',
  }),
  SAVEPOINT_DIR: define<string>({
    key: 'execution.checkpointing.savepoint-dir',
    type: 'string',
    defaultValue: '',
    fallbackKeys: ['state.savepoints.dir'],
    description: 'Default directory for savepoints.',
  }),
  NUM_RETAINED: define<number>({
    key: 'execution.checkpointing.num-retained',
    type: 'int',
    defaultValue: 1,
    min: 1,
    fallbackKeys: ['state.checkpoints.num-retained'],
    description: 'Completed checkpoints kept; older ones are deleted.',
  }),
  RESTORE_PATH: define<string>({
    key: 'execution.state-recovery.path',
    type: 'string',
    defaultValue: '',
    fallbackKeys: ['execution.savepoint.path'],
    description:
      "Checkpoint or savepoint to restore from ('latest' = newest completed checkpoint in the checkpoint dir).",
  }),
  ALLOW_NON_RESTORED: define<boolean>({
    key: 'execution.state-recovery.ignore-unclaimed-state',
    type: 'boolean',
    defaultValue: false,
    fallbackKeys: ['execution.savepoint.ignore-unclaimed-state'],
    description: 'Allow restoring when the snapshot has state of operators that no longer exist.',
  }),
};

export const RestartOptions = {
  TYPE: define<string>({
    key: 'restart-strategy.type',
    type: 'enum',
    values: [
      'none',
      'disable',
      'off',
      'fixed-delay',
      'fixeddelay',
      'failure-rate',
      'failurerate',
      'exponential-delay',
      'exponentialdelay',
    ],
    defaultValue: '',
    description:
      'none | fixed-delay | failure-rate | exponential-delay (default: exponential-delay with checkpointing, else none).',
  }),
  FIXED_ATTEMPTS: define<number>({
    key: 'restart-strategy.fixed-delay.attempts',
    type: 'int',
    defaultValue: 1,
    min: 0,
    description: 'Restarts before the job fails.',
  }),
  FIXED_DELAY: define<number>({
    key: 'restart-strategy.fixed-delay.delay',
    type: 'duration',
    defaultValue: 1000,
    description: 'Delay between restarts.',
  }),
  RATE_MAX: define<number>({
    key: 'restart-strategy.failure-rate.max-failures-per-interval',
    type: 'int',
    defaultValue: 1,
    min: 1,
    description: 'Failures allowed within the interval.',
  }),
  RATE_INTERVAL: define<number>({
    key: 'restart-strategy.failure-rate.failure-rate-interval',
    type: 'duration',
    defaultValue: 60_000,
    description: 'Interval over which failures are counted.',
  }),
  RATE_DELAY: define<number>({
    key: 'restart-strategy.failure-rate.delay',
    type: 'duration',
    defaultValue: 1000,
    description: 'Delay between restarts.',
  }),
  EXP_INITIAL: define<number>({
    key: 'restart-strategy.exponential-delay.initial-backoff',
    type: 'duration',
    defaultValue: 1000,
    description: 'First delay.',
  }),
  EXP_MAX: define<number>({
    key: 'restart-strategy.exponential-delay.max-backoff',
    type: 'duration',
    defaultValue: 60_000,
    description: 'Largest delay.',
  }),
  EXP_MULTIPLIER: define<string>({
    key: 'restart-strategy.exponential-delay.backoff-multiplier',
    type: 'string',
    defaultValue: '1.5',
    description: 'Factor applied to the delay after each failure.',
  }),
  EXP_RESET: define<number>({
    key: 'restart-strategy.exponential-delay.reset-backoff-threshold',
    type: 'duration',
    defaultValue: 3_600_000,
    description: 'Running this long without failure resets the delay.',
  }),
  EXP_JITTER: define<string>({
    key: 'restart-strategy.exponential-delay.jitter-factor',
    type: 'string',
    defaultValue: '0.1',
    description: 'Random +- share added to each delay.',
  }),
  EXP_ATTEMPTS: define<number>({
    key: 'restart-strategy.exponential-delay.attempts-before-reset-backoff',
    type: 'int',
    defaultValue: 2147483647,
    min: 0,
    description: 'Restarts allowed before the backoff resets; beyond that the job fails.',
  }),
};

/** Whether checkpoints are taken (periodic ones and the final one at end of input). */
export function checkpointingEnabled(config: Configuration, batchMode: boolean): boolean {
  return !batchMode && config.get(CheckpointOptions.INTERVAL) > 0 && config.get(CheckpointOptions.DIR) !== '';
}
