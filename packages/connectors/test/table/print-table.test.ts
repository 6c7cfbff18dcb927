import { spawnSync } from 'node:child_process';
import {
  createPrintSink,
  defaultTableFactoryRegistry,
  formatChangelogRow,
  printPrefix,
  type Row,
  RowKind,
} from '@tributary/connectors';
import { Decimal, Types } from '@tributary/core';
import { StreamExecutionEnvironment } from '@tributary/datastream';
import { describe, expect, it } from 'vitest';
import { tableCtx } from './helpers.js';

function row(kind: RowKind | undefined, ...values: unknown[]): Row {
  const r = values as Row;
  if (kind !== undefined) r.kind = kind;
  return r;
}

const cols = {
  id: Types.int(),
  name: Types.string(),
  amount: Types.decimal(5, 2),
  ts: Types.timestamp(3),
  ok: Types.boolean(),
};
const TS = Date.UTC(2024, 0, 2, 3, 4, 5, 60);

describe('print table connector', () => {
  it('prints every change kind like Flink', async () => {
    const lines: string[] = [];
    const provider = createPrintSink(tableCtx({ connector: 'print', 'print-identifier': 'out' }, cols), {
      write: (t: string) => lines.push(t),
    });
    expect(provider.acceptedChangelogMode).toBe('all');
    const env = StreamExecutionEnvironment.create().setParallelism(1);
    const rows = [
      row(undefined, 1, 'a', Decimal.of('1.50'), TS, true),
      row(RowKind.UPDATE_BEFORE, 1, 'a', Decimal.of('1.50'), TS, true),
      row(RowKind.UPDATE_AFTER, 1, 'b', null, null, false),
      row(RowKind.DELETE, 2, null, Decimal.of('-3.00'), TS, null),
    ];
    env.fromElements(...rows).sinkTo(provider.sink);
    await env.execute('print');
    expect(lines.join('')).toBe(
      [
        'out> +I[1, a, 1.50, 2024-01-02 03:04:05.060, TRUE]',
        'out> -U[1, a, 1.50, 2024-01-02 03:04:05.060, TRUE]',
        'out> +U[1, b, NULL, NULL, FALSE]',
        'out> -D[2, NULL, -3.00, 2024-01-02 03:04:05.060, NULL]',
        '',
      ].join('\n'),
    );
  });

  it('prefixes lines with identifier and task number by Flink rules', () => {
    expect(printPrefix('sink', 0, 1)).toBe('sink> ');
    expect(printPrefix('sink', 2, 4)).toBe('sink:3> ');
    expect(printPrefix('', 1, 2)).toBe('2> ');
    expect(printPrefix('', 0, 1)).toBe('');
    expect(
      formatChangelogRow(row(undefined, [1, null], new Map([['k', 2n]])), [
        Types.array(Types.int()),
        Types.map(Types.string(), Types.bigint()),
      ]),
    ).toBe('+I[[1, NULL], {k=2}]');
  });

  it('writes to standard out or standard error of the process', () => {
    const script = `
      import { defaultTableFactoryRegistry } from '@tributary/connectors';
      import { Types } from '@tributary/core';
      import { StreamExecutionEnvironment } from '@tributary/datastream';
      const ctx = (opts) => ({ tableName: 't', columns: [{ name: 'x', type: Types.int() }], primaryKey: undefined, partitionKeys: [], options: { connector: 'print', ...opts }, streaming: true });
      const env = StreamExecutionEnvironment.create().setParallelism(2);
      const rows = [[1], [2], [3], [4]];
      env.fromElements(...rows).setParallelism(1).sinkTo(defaultTableFactoryRegistry.createSink(ctx({})).sink).setParallelism(2);
      env.fromElements([7]).sinkTo(defaultTableFactoryRegistry.createSink(ctx({ 'standard-error': 'true', 'print-identifier': 'err' })).sink).setParallelism(1);
      await env.execute('p');
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: new URL('../../', import.meta.url).pathname,
      encoding: 'utf8',
    });
    expect(child.status).toBe(0);
    expect(child.stderr).toBe('err> +I[7]\n');
    const lines = child.stdout.trim().split('\n').sort();
    expect(lines).toHaveLength(4);
    // each row goes to one of the two subtasks, prefixed with its task number
    expect(lines.map((l) => l.replace(/^[12]> /, '')).sort()).toEqual(['+I[1]', '+I[2]', '+I[3]', '+I[4]']);
    expect(lines.every((l) => /^[12]> \+I\[\d\]$/.test(l))).toBe(true);
    expect(defaultTableFactoryRegistry.get('print').optionalOptions).toContain('standard-error');
  });
});
