import type { LogicalType } from '@tributary/core';
import type { Sink, Source, WatermarkStrategy } from '@tributary/runtime';

/** Change kinds of SQL rows, as Flink's RowKind: carried as the optional `kind` property of a row array. */
export const RowKind = { INSERT: 0, UPDATE_BEFORE: 1, UPDATE_AFTER: 2, DELETE: 3 } as const;
export type RowKind = (typeof RowKind)[keyof typeof RowKind];

/** A SQL row: field values in schema order; `kind` absent means INSERT. */
export type Row = unknown[] & { kind?: RowKind };

/** Which change kinds a source produces or a sink accepts. */
export type ChangelogMode = 'insert-only' | 'upsert' | 'retract' | 'all';

export interface TableColumn {
  readonly name: string;
  readonly type: LogicalType;
  /** Metadata columns: the connector-specific key ('offset', 'timestamp', ...). */
  readonly metadataKey?: string;
}

/** What a factory is given: the resolved table (physical columns only for the row it produces/consumes). */
export interface TableFactoryContext {
  /** Fully qualified table name for messages, e.g. `default_catalog`.`default_database`.`t`. */
  readonly tableName: string;
  /** Physical columns in order: the rows a source produces and a sink receives have exactly these fields. */
  readonly columns: readonly TableColumn[];
  readonly primaryKey: readonly string[] | undefined;
  readonly partitionKeys: readonly string[];
  /** WITH options as given (string values); validated by the registry against the factory's option lists. */
  readonly options: Readonly<Record<string, string>>;
  /** true for STREAMING execution, false for BATCH. */
  readonly streaming: boolean;
}

export interface TableSourceProvider {
  readonly source: Source<Row>;
  readonly changelogMode: ChangelogMode;
  /** Optional watermarks the connector itself generates (e.g. per-partition); SQL watermarks come from DDL. */
  readonly watermarks?: WatermarkStrategy<Row>;
  /** Parallelism from 'scan.parallelism' if the connector supports it. */
  readonly parallelism?: number;
}

export interface TableSinkProvider {
  readonly sink: Sink<Row>;
  /** What the sink can consume; the planner rejects plans producing more (Flink's error message). */
  readonly acceptedChangelogMode: ChangelogMode;
  /** Parallelism from 'sink.parallelism' if the connector supports it. */
  readonly parallelism?: number;
}

/**
 * A connector usable from SQL: `CREATE TABLE t (...) WITH ('connector' = '<identifier>', ...)`. Option keys are
 * Flink's; unknown keys are rejected with the closest valid key before the factory is called.
 */
export interface TableFactory {
  readonly identifier: string;
  readonly requiredOptions: readonly string[];
  readonly optionalOptions: readonly string[];
  /** Option key prefixes passed through unchecked (e.g. 'properties.' for Kafka client settings). */
  readonly passThroughPrefixes?: readonly string[];
  createSource?(ctx: TableFactoryContext): TableSourceProvider;
  createSink?(ctx: TableFactoryContext): TableSinkProvider;
}
