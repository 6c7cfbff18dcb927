import { formatValue, type LogicalType } from '@tributary/core';
import type { Sink, SinkWriter, SinkWriterContext } from '@tributary/runtime';
import { TableOptions } from './options.js';
import {
  type Row,
  RowKind,
  type TableFactory,
  type TableFactoryContext,
  type TableSinkProvider,
} from './table-factory.js';

const KIND_PREFIX = ['+I[', '-U[', '+U[', '-D['];

/** Where printed lines go: process.stdout/stderr by default; tests may pass any writable. */
export interface PrintTarget {
  write(text: string): unknown;
}

/** Flink's `RowKind.shortString()[v1, v2, ...]` with each value in its CAST-to-string form and NULL as 'NULL'. */
export function formatChangelogRow(row: Row, types: readonly LogicalType[]): string {
  let s = KIND_PREFIX[row.kind ?? RowKind.INSERT]!;
  for (let i = 0; i < types.length; i++) {
    if (i > 0) s += ', ';
    const v = row[i];
    s += v === null || v === undefined ? 'NULL' : formatValue(v, types[i]!);
  }
  return `${s}]`;
}

/**
 * Flink's print-line prefix: `identifier:task> ` with parallelism > 1, `identifier> ` with parallelism 1,
 * `task> ` without identifier and parallelism > 1, nothing otherwise (task = subtask index + 1).
 */
export function printPrefix(identifier: string, subtaskIndex: number, parallelism: number): string {
  if (identifier !== '') return parallelism > 1 ? `${identifier}:${subtaskIndex + 1}> ` : `${identifier}> `;
  return parallelism > 1 ? `${subtaskIndex + 1}> ` : '';
}

/** Prints every row (all change kinds) like Flink's print connector. */
export class PrintRowSink implements Sink<Row> {
  readonly name = 'Print Sink';
  constructor(
    private readonly types: readonly LogicalType[],
    private readonly identifier = '',
    private readonly stdErr = false,
    private readonly target?: PrintTarget,
  ) {}

  createWriter(ctx: SinkWriterContext): SinkWriter<Row> {
    const out = this.target ?? (this.stdErr ? process.stderr : process.stdout);
    return new PrintWriter(this.types, printPrefix(this.identifier, ctx.subtaskIndex, ctx.parallelism), out);
  }
}

/** Writes each row at once (print is for watching a job live, not for throughput). */
class PrintWriter implements SinkWriter<Row> {
  constructor(
    private readonly types: readonly LogicalType[],
    private readonly prefix: string,
    private readonly out: PrintTarget,
  ) {}

  write(row: Row): void {
    this.out.write(`${this.prefix}${formatChangelogRow(row, this.types)}\n`);
  }

  flush(): void {}

  close(): void {}
}

/** The 'print' connector (sink only; all changelog modes). */
export const printTableFactory: TableFactory = {
  identifier: 'print',
  requiredOptions: [],
  optionalOptions: ['print-identifier', 'standard-error', 'sink.parallelism'],
  createSink(ctx: TableFactoryContext): TableSinkProvider {
    return createPrintSink(ctx);
  },
};

/** The print sink of a table, optionally writing to `target` instead of stdout/stderr. */
export function createPrintSink(ctx: TableFactoryContext, target?: PrintTarget): TableSinkProvider {
  const o = new TableOptions(ctx.options, ctx.tableName);
  const sink = new PrintRowSink(
    ctx.columns.map((c) => c.type),
    o.string('print-identifier', ''),
    o.boolean('standard-error', false),
    target,
  );
  return { sink, acceptedChangelogMode: 'all', parallelism: o.positiveInt('sink.parallelism') };
}
