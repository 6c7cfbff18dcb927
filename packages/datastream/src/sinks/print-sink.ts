import type { Sink, SinkWriter } from '@tributary/runtime';

/** Renders a value for printing: strings as they are, everything else as JSON (bigint-safe). */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return 'undefined';
  return JSON.stringify(v, (_k, x) =>
    typeof x === 'bigint' ? x.toString() : x instanceof Map ? Object.fromEntries(x) : x,
  );
}

/** Prints records to stdout (or stderr) like Flink's print(): "prefix:subtask> value" when parallel. */
export class PrintSink<T> implements Sink<T> {
  readonly name = 'print';
  readonly guarantee = 'at-least-once';
  constructor(
    private readonly prefix = '',
    private readonly stderr = false,
  ) {}
  createWriter(ctx: { subtaskIndex: number; parallelism: number }): SinkWriter<T> {
    const stream = this.stderr ? process.stderr : process.stdout;
    const parts = [this.prefix, ctx.parallelism > 1 ? String(ctx.subtaskIndex + 1) : ''].filter((x) => x !== '');
    const lead = parts.length > 0 ? `${parts.join(':')}> ` : '';
    let pending: string[] = [];
    const flush = () => {
      if (pending.length > 0) {
        stream.write(pending.join(''));
        pending = [];
      }
    };
    return {
      write(value) {
        pending.push(`${lead}${formatValue(value)}\n`);
        if (pending.length >= 256) flush();
      },
      writeWatermark: flush,
      flush,
      close: flush,
    };
  }
}
