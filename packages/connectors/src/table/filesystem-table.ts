import type { FormatContext, FormatFactoryRegistry } from '../formats/format-factory.js';
import { FileSystemTableSink } from './filesystem-sink.js';
import { FileSystemTableSource } from './filesystem-source.js';
import { TableOptions, TableValidationError } from './options.js';
import type { TableFactory, TableFactoryContext, TableSinkProvider, TableSourceProvider } from './table-factory.js';

export const FILESYSTEM_OPTIONS = [
  'source.monitor-interval',
  'sink.rolling-policy.file-size',
  'sink.rolling-policy.rollover-interval',
  'sink.rolling-policy.inactivity-interval',
  'sink.rolling-policy.check-interval',
  'sink.partition-commit.trigger',
  'sink.partition-commit.delay',
  'sink.partition-commit.policy.kind',
  'sink.partition-commit.success-file.name',
  'partition.default-name',
  'sink.parallelism',
] as const;

function common(ctx: TableFactoryContext, formats: FormatFactoryRegistry) {
  const o = new TableOptions(ctx.options, ctx.tableName);
  const path = o.required('path');
  const format = formats.get(o.required('format'));
  for (const k of ctx.partitionKeys) {
    if (!ctx.columns.some((c) => c.name === k)) {
      throw new TableValidationError(`Partition column '${k}' of table ${ctx.tableName} is not a physical column.`);
    }
  }
  const dataColumns = ctx.columns
    .map((c, index) => ({ ...c, index }))
    .filter((c) => !ctx.partitionKeys.includes(c.name));
  if (dataColumns.length === 0) {
    throw new TableValidationError(`Table ${ctx.tableName} needs at least one non-partition column to store in files.`);
  }
  const formatCtx: FormatContext = { tableName: ctx.tableName, columns: dataColumns, options: o };
  // create once now so that bad format options fail when the table is used, not when the job runs
  format.createDeserializer(formatCtx);
  format.createSerializer(formatCtx);
  return {
    o,
    path,
    format,
    formatCtx,
    dataColumns,
    defaultName: o.string('partition.default-name', '__DEFAULT_PARTITION__'),
  };
}

/** The 'filesystem' connector with a format from `formats` (csv, json). */
export function filesystemTableFactory(formats: FormatFactoryRegistry): TableFactory {
  return {
    identifier: 'filesystem',
    requiredOptions: ['path', 'format'],
    optionalOptions: FILESYSTEM_OPTIONS,
    createSource(ctx: TableFactoryContext): TableSourceProvider {
      const { o, path, format, formatCtx, defaultName } = common(ctx, formats);
      const monitor = o.duration('source.monitor-interval');
      if (monitor !== undefined && !(monitor > 0)) {
        throw new TableValidationError(
          `Option 'source.monitor-interval' must be positive, got '${o.string('source.monitor-interval')}'.`,
          'source.monitor-interval',
        );
      }
      const source = new FileSystemTableSource({
        path,
        columns: ctx.columns,
        partitionKeys: ctx.partitionKeys,
        defaultPartitionName: defaultName,
        monitorIntervalMs: monitor,
        deserializer: () => format.createDeserializer(formatCtx),
      });
      return { source, changelogMode: 'insert-only' };
    },
    createSink(ctx: TableFactoryContext): TableSinkProvider {
      const { o, path, format, formatCtx, dataColumns, defaultName } = common(ctx, formats);
      o.enumValue('sink.partition-commit.trigger', ['process-time'] as const, 'process-time');
      const kinds = (o.string('sink.partition-commit.policy.kind') ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter((k) => k !== '');
      for (const k of kinds) {
        if (k !== 'success-file') {
          throw new TableValidationError(
            `Unsupported partition commit policy '${k}' for option 'sink.partition-commit.policy.kind': only 'success-file' is supported.`,
            'sink.partition-commit.policy.kind',
          );
        }
      }
      const successFile = kinds.includes('success-file');
      const sink = new FileSystemTableSink({
        path,
        tableName: ctx.tableName,
        dataColumns,
        partitionColumns: ctx.partitionKeys.map((name) => {
          const index = ctx.columns.findIndex((c) => c.name === name);
          return { name, index, type: ctx.columns[index]!.type };
        }),
        defaultPartitionName: defaultName,
        rolling: {
          maxPartSize: o.memorySize('sink.rolling-policy.file-size', 128 * 1024 * 1024),
          rolloverIntervalMs: o.duration('sink.rolling-policy.rollover-interval', 30 * 60_000),
          inactivityIntervalMs: o.duration('sink.rolling-policy.inactivity-interval', 30 * 60_000),
          rollOnCheckpoint: successFile,
        },
        checkIntervalMs: o.duration('sink.rolling-policy.check-interval', 60_000),
        successFileName: successFile ? o.string('sink.partition-commit.success-file.name', '_SUCCESS') : undefined,
        commitDelayMs: o.duration('sink.partition-commit.delay', 0),
        serializer: () => format.createSerializer(formatCtx),
      });
      return { sink, acceptedChangelogMode: 'insert-only', parallelism: o.positiveInt('sink.parallelism') };
    },
  };
}
