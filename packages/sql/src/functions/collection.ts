/**
 * Collection functions and value constructors. ARRAY is a JS array, MAP a Map, MULTISET a Map<value, count>,
 * ROW an array of field values. Element equality uses SQL value equality (values/compare.ts) with NULL elements
 * equal to each other, as Flink's ARRAY_* functions treat them.
 */
import { SqlFunctionError, valueEquals, valueKey } from '@tributary/core';

const isNull = (v: unknown) => v === null || v === undefined;
const same = (a: unknown, b: unknown) => (isNull(a) ? isNull(b) : !isNull(b) && valueEquals(a, b));

/** ARRAY[a, b, ...]. */
export function arrayOf(...elements: unknown[]): unknown[] {
  return elements;
}
/** MAP[k1, v1, k2, v2, ...]; a repeated key keeps the last value (Flink). */
export function mapOf(...kv: unknown[]): Map<unknown, unknown> {
  const m = new Map<unknown, unknown>();
  for (let i = 0; i + 1 < kv.length; i += 2) mapPut(m, kv[i], kv[i + 1]);
  return m;
}
/** ROW(a, b, ...). */
export function rowOf(...fields: unknown[]): unknown[] {
  return fields;
}

/** Sets a key in a SQL map, matching existing keys by SQL equality (so DECIMAL 1.0 and 1.00 are one key). */
export function mapPut(m: Map<unknown, unknown>, k: unknown, v: unknown): void {
  if (typeof k === 'object' && k !== null) {
    for (const existing of m.keys()) {
      if (same(existing, k)) {
        m.set(existing, v);
        return;
      }
    }
  }
  m.set(k, v);
}
/** map[key] with SQL key equality; NULL when absent. */
export function mapGet(m: Map<unknown, unknown>, k: unknown): unknown {
  if (typeof k !== 'object' || k === null) return m.has(k) ? m.get(k) : null;
  for (const [ek, v] of m) if (same(ek, k)) return v;
  return null;
}
/** array[i] with 1-based index; NULL when out of range (Flink's ARRAY element access). */
export function arrayGet(a: readonly unknown[], i: number | bigint): unknown {
  const n = Number(i);
  return n >= 1 && n <= a.length ? (a[n - 1] ?? null) : null;
}

/** CARDINALITY(array | map | multiset). For a multiset it counts all occurrences. */
export function cardinality(c: readonly unknown[] | Map<unknown, unknown>, multiset = false): number {
  if (Array.isArray(c)) return c.length;
  const m = c as Map<unknown, unknown>;
  if (!multiset) return m.size;
  let n = 0;
  for (const x of m.values()) n += x as number;
  return n;
}
/** ELEMENT(array): the only element, NULL for an empty array, error for more than one. */
export function element(a: readonly unknown[]): unknown {
  if (a.length === 0) return null;
  if (a.length > 1) throw new SqlFunctionError('ELEMENT', 'Array has more than one element.');
  return a[0] ?? null;
}
/** ARRAY_CONTAINS(array, v): NULL v finds NULL elements; a NULL array gives NULL (hence not strict). */
export function arrayContains(a: readonly unknown[] | null, v: unknown): boolean | null {
  if (a === null || a === undefined) return null;
  for (let i = 0; i < a.length; i++) if (same(a[i], v)) return true;
  return false;
}
/** ARRAY_DISTINCT(array), keeping first occurrences in order. */
export function arrayDistinct(a: readonly unknown[]): unknown[] {
  const seen = new Set<unknown>();
  const out: unknown[] = [];
  for (const x of a) {
    const k = valueKey(x);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x ?? null);
    }
  }
  return out;
}
/** ARRAY_POSITION(array, v): 1-based position of the first match, 0 when absent. */
export function arrayPosition(a: readonly unknown[] | null, v: unknown): number | null {
  if (a === null || a === undefined) return null;
  for (let i = 0; i < a.length; i++) if (same(a[i], v)) return i + 1;
  return 0;
}
/** ARRAY_REMOVE(array, v): all elements not equal to v. */
export function arrayRemove(a: readonly unknown[] | null, v: unknown): unknown[] | null {
  if (a === null || a === undefined) return null;
  return a.filter((x) => !same(x, v));
}
export function arrayReverse(a: readonly unknown[]): unknown[] {
  return [...a].reverse();
}
/**
 * ARRAY_SLICE(array, start [, end]): 1-based inclusive bounds, negative counting from the end, 0 treated as 1;
 * an empty array when the range is empty (Flink's semantics).
 */
export function arraySlice(a: readonly unknown[], start: number, end?: number): unknown[] {
  const n = a.length;
  if (n === 0) return [];
  let s = start < 0 ? n + start + 1 : start === 0 ? 1 : start;
  let e = end === undefined ? n : end < 0 ? n + end + 1 : end === 0 ? 1 : end;
  if (s > n || e < 1 || s > e) return [];
  s = Math.max(1, s);
  e = Math.min(n, e);
  return a.slice(s - 1, e);
}
/** ARRAY_UNION(a, b): distinct elements of both, in order of first appearance. */
export function arrayUnion(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  return arrayDistinct([...a, ...b]);
}
/** ARRAY_CONCAT(a, b, ...). */
export function arrayConcat(...arrays: (readonly unknown[])[]): unknown[] {
  return ([] as unknown[]).concat(...arrays);
}
/** ARRAY_JOIN(array, delimiter [, nullReplacement]): NULL elements skipped unless a replacement is given. */
export function arrayJoin(a: readonly unknown[], delimiter: string, nullReplacement?: string | null): string {
  const parts: string[] = [];
  for (const x of a) {
    if (isNull(x)) {
      if (!isNull(nullReplacement)) parts.push(nullReplacement as string);
    } else parts.push(String(x));
  }
  return parts.join(delimiter);
}
/** ARRAY_MAX / ARRAY_MIN are left to the planner's comparator; these helpers cover the rest. */
export function mapKeys(m: Map<unknown, unknown>): unknown[] {
  return [...m.keys()];
}
export function mapValues(m: Map<unknown, unknown>): unknown[] {
  return [...m.values()];
}
/** MAP_ENTRIES(map): ARRAY<ROW<key, value>>. */
export function mapEntries(m: Map<unknown, unknown>): unknown[][] {
  return [...m].map(([k, v]) => [k, v]);
}
/** MAP_FROM_ARRAYS(keys, values). */
export function mapFromArrays(keys: readonly unknown[], values: readonly unknown[]): Map<unknown, unknown> {
  if (keys.length !== values.length) {
    throw new SqlFunctionError(
      'MAP_FROM_ARRAYS',
      'Invalid function MAP_FROM_ARRAYS call: arrays must have the same length',
    );
  }
  const m = new Map<unknown, unknown>();
  for (let i = 0; i < keys.length; i++) mapPut(m, keys[i], values[i]);
  return m;
}

/** Adds `count` occurrences of v to a multiset keyed by SQL equality. */
export function multisetAdd(ms: Map<unknown, number>, v: unknown, count = 1): void {
  if (typeof v === 'object' && v !== null) {
    for (const [k, c] of ms) {
      if (same(k, v)) {
        if (c + count <= 0) ms.delete(k);
        else ms.set(k, c + count);
        return;
      }
    }
  }
  const c = (ms.get(v) ?? 0) + count;
  if (c <= 0) ms.delete(v);
  else ms.set(v, c);
}
