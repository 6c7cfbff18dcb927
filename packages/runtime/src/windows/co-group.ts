import type { Lifecycle } from '../functions/rich-function.js';
import type { Collector } from '../operators/output.js';
import type { Window } from './window.js';
import type { ProcessWindowFunction } from './window-functions.js';

/** An element of either input of a window join / coGroup, as it travels through the shared window. */
export interface TaggedUnion<A, B> {
  /** 1 = first input, 2 = second input */
  readonly tag: 1 | 2;
  readonly value: A | B;
}

export type CoGroupFunction<A, B, O> =
  | ((first: readonly A[], second: readonly B[], out: Collector<O>) => void)
  | (Lifecycle & { coGroup(first: readonly A[], second: readonly B[], out: Collector<O>): void });

export type JoinFunction<A, B, O> = ((first: A, second: B) => O) | (Lifecycle & { join(first: A, second: B): O });

export type FlatJoinFunction<A, B, O> =
  | ((first: A, second: B, out: Collector<O>) => void)
  | (Lifecycle & { flatJoin(first: A, second: B, out: Collector<O>): void });

/**
 * The window function of coGroup (Flink's CoGroupWindowFunction): splits a window's tagged elements by input and
 * calls the user's coGroup once per key and window.
 */
export function coGroupWindowFunction<A, B, O, K, W extends Window>(
  fn: CoGroupFunction<A, B, O>,
): ProcessWindowFunction<TaggedUnion<A, B>, O, K, W> {
  const call = typeof fn === 'function' ? fn : fn.coGroup.bind(fn);
  const lifecycle = typeof fn === 'function' ? undefined : fn;
  return {
    process(_key, _ctx, elements, out) {
      const first: A[] = [];
      const second: B[] = [];
      for (const e of elements) {
        if (e.tag === 1) first.push(e.value as A);
        else second.push(e.value as B);
      }
      call(first, second, out);
    },
    open: lifecycle?.open?.bind(lifecycle),
    close: lifecycle?.close?.bind(lifecycle),
  };
}

/** Join as coGroup: every pair of the window's elements from the two inputs (an inner join). */
export function joinAsCoGroup<A, B, O>(fn: JoinFunction<A, B, O>): CoGroupFunction<A, B, O> {
  const call = typeof fn === 'function' ? fn : fn.join.bind(fn);
  const lifecycle: Lifecycle = typeof fn === 'function' ? {} : fn;
  return {
    coGroup(first, second, out) {
      for (const a of first) for (const b of second) out.collect(call(a, b));
    },
    open: lifecycle.open?.bind(lifecycle),
    close: lifecycle.close?.bind(lifecycle),
  };
}

export function flatJoinAsCoGroup<A, B, O>(fn: FlatJoinFunction<A, B, O>): CoGroupFunction<A, B, O> {
  const call = typeof fn === 'function' ? fn : fn.flatJoin.bind(fn);
  const lifecycle: Lifecycle = typeof fn === 'function' ? {} : fn;
  return {
    coGroup(first, second, out) {
      for (const a of first) for (const b of second) call(a, b, out);
    },
    open: lifecycle.open?.bind(lifecycle),
    close: lifecycle.close?.bind(lifecycle),
  };
}
