import { ProgramError } from '@tributary/core';
import { formatValue } from '@tributary/datastream';
import type { Sink, SinkWriter, SinkWriterContext } from '@tributary/runtime';
import { type BucketAssigner, basePathBucketAssigner, dateTimeBucketAssigner } from './bucket-assigner.js';
import { FileSinkWriter } from './file-sink-writer.js';
import { DefaultRollingPolicy, type RollingPolicyOptions } from './rolling-policy.js';

/** Turns a record into the bytes of one row, delimiter included. */
export type RowEncoder<T> = (value: T) => string | Uint8Array;

/** Flink's SimpleStringEncoder: the value as text (JSON for non-strings) followed by '\n'. */
export function simpleStringEncoder<T>(): RowEncoder<T> {
  return (v) => `${formatValue(v)}\n`;
}

interface FileSinkSettings<T> {
  readonly basePath: string;
  readonly encoder: RowEncoder<T>;
  readonly assigner: BucketAssigner<T>;
  readonly rolling: RollingPolicyOptions;
  readonly partPrefix: string;
  readonly partSuffix: string;
  readonly bucketCheckIntervalMs: number;
}

/**
 * Rolling file sink for row formats, modelled on Flink's `FileSink.forRowFormat(path, encoder)`.
 *
 * Layout: `<basePath>/<bucket>/part-<uuid>-<subtask>-<counter><suffix>`; files being written are hidden as
 * `.part-...inprogress`. Guarantees (exactly-once with checkpointing):
 * - a visible (final) file is complete: it appears only by an atomic rename after its data was fsynced;
 * - a file becomes visible only after the checkpoint covering all its rows completed (or at end of input);
 * - after a restore, files pending in the restored checkpoint are committed, and a file open at that checkpoint is
 *   truncated to its checkpointed length and committed, so rows written after the checkpoint (which the sources
 *   replay) are not duplicated;
 * - hidden part files of checkpoints that never completed are left behind, never made visible;
 * - end of input commits everything written without waiting for a checkpoint (a failure between that commit and
 *   the job's end could repeat the final rows).
 * Without checkpointing, files become visible only at end of input.
 */
export class FileSink<T> implements Sink<T> {
  readonly name = 'File Sink';
  readonly guarantee = 'exactly-once';

  private constructor(private readonly settings: FileSinkSettings<T>) {}

  static forRowFormat<T>(basePath: string, encoder: RowEncoder<T> = simpleStringEncoder<T>()): FileSink<T> {
    if (typeof basePath !== 'string' || basePath === '')
      throw new ProgramError('FileSink.forRowFormat needs a base path');
    if (typeof encoder !== 'function') throw new ProgramError('FileSink.forRowFormat: encoder must be a function');
    return new FileSink({
      basePath,
      encoder,
      assigner: dateTimeBucketAssigner<T>(),
      rolling: {},
      partPrefix: 'part',
      partSuffix: '',
      bucketCheckIntervalMs: 60_000,
    });
  }

  withRollingPolicy(options: RollingPolicyOptions): FileSink<T> {
    new DefaultRollingPolicy(options); // validates now, where the program is built
    return new FileSink({ ...this.settings, rolling: options });
  }

  /** A function, or 'single' for one bucket (the base path), or 'datetime' with an optional format. */
  withBucketAssigner(
    assigner: BucketAssigner<T> | 'single' | { dateTimeFormat: string; timeZone?: 'local' | 'UTC' },
  ): FileSink<T> {
    const a =
      assigner === 'single'
        ? basePathBucketAssigner<T>()
        : typeof assigner === 'function'
          ? assigner
          : dateTimeBucketAssigner<T>(assigner.dateTimeFormat, assigner.timeZone);
    return new FileSink({ ...this.settings, assigner: a });
  }

  withOutputFileConfig(config: { partPrefix?: string; partSuffix?: string }): FileSink<T> {
    const partPrefix = config.partPrefix ?? this.settings.partPrefix;
    if (partPrefix === '' || /[\\/]/.test(partPrefix) || /[\\/]/.test(config.partSuffix ?? '')) {
      throw new ProgramError(`FileSink part prefix/suffix must be non-empty file name parts, got '${partPrefix}'`);
    }
    return new FileSink({ ...this.settings, partPrefix, partSuffix: config.partSuffix ?? this.settings.partSuffix });
  }

  /** How often idle buckets are checked for time-based rolls (ms, default 60 s). */
  withBucketCheckInterval(ms: number): FileSink<T> {
    if (!(ms > 0)) throw new ProgramError(`FileSink bucket check interval must be positive, got ${ms}`);
    return new FileSink({ ...this.settings, bucketCheckIntervalMs: ms });
  }

  /** For Flink familiarity: the sink is already complete. */
  build(): FileSink<T> {
    return this;
  }

  createWriter(ctx: SinkWriterContext): SinkWriter<T> {
    const s = this.settings;
    return new FileSinkWriter<T>(
      {
        basePath: s.basePath,
        encoder: s.encoder,
        assigner: s.assigner,
        policy: new DefaultRollingPolicy(s.rolling),
        partPrefix: s.partPrefix,
        partSuffix: s.partSuffix,
        bucketCheckIntervalMs: s.bucketCheckIntervalMs,
      },
      ctx,
    );
  }
}
