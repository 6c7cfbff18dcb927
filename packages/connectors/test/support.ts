import { InputStatus, OperatorMetrics, type SourceReader, type SourceReaderContext } from '@tributary/runtime';

export function readerContext(overrides: Partial<SourceReaderContext> = {}): SourceReaderContext {
  return {
    subtaskIndex: 0,
    parallelism: 1,
    operatorName: 'test-source',
    metrics: new OperatorMetrics(),
    batchSize: 1024,
    requestRun: () => {},
    ...overrides,
  };
}

/** Polls a reader (waiting on isAvailable) until end of input or until `limit` records were emitted. */
export async function drain<T>(reader: SourceReader<T>, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
  const out: T[] = [];
  const output = { collect: (v: T) => void out.push(v) };
  for (;;) {
    if (out.length >= limit) return out;
    const s = reader.pollNext(output);
    if (s === InputStatus.END_OF_INPUT) return out;
    if (s === InputStatus.NOTHING_AVAILABLE) await reader.isAvailable();
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
