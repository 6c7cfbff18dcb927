/** Where an async function (Flink style) delivers its results: exactly once, either way. */
export interface ResultFuture<OUT> {
  complete(results: Iterable<OUT>): void;
  completeExceptionally(error: unknown): void;
}

/**
 * An async lookup: either returns a promise of one result or an array of results (`[]` emits nothing; to emit one
 * array value, return it wrapped: `[[a, b]]`), or, Flink style, takes a ResultFuture as second parameter and
 * completes it. A plain (non-promise) return value counts as an immediately available result.
 */
export type AsyncFunction<IN, OUT> =
  | ((value: IN) => Promise<OUT | OUT[]> | OUT | OUT[])
  | ((value: IN, resultFuture: ResultFuture<OUT>) => void);

export interface AsyncWaitOptions<IN, OUT> {
  /** Time limit per element in ms (processing time); undefined or 0 = no limit. */
  readonly timeoutMs?: number;
  /** Elements in flight at most (default 100, as in Flink); a full operator back-pressures its input. */
  readonly capacity?: number;
  /** Called on timeout instead of failing the job; it should complete the future (e.g. with a default). */
  readonly timeout?: (value: IN, resultFuture: ResultFuture<OUT>) => void;
}

export type AsyncOutputMode = 'ordered' | 'unordered';

/** Raised (and failing the job) when an element's async call exceeds the timeout and no handler is given. */
export class AsyncTimeoutError extends Error {
  constructor(operator: string, timeoutMs: number) {
    super(`Async function call of operator '${operator}' timed out after ${timeoutMs} ms`);
    this.name = 'AsyncTimeoutError';
  }
}
