import { hashKey } from './key-hash.js';
import { murmurMix } from './murmur.js';

/** Key groups are the unit of keyed state distribution; there are maxParallelism of them. As in Flink. */
export function keyGroupForHash(hash: number, maxParallelism: number): number {
  return (murmurMix(hash) >>> 0) % maxParallelism;
}

export function assignKeyGroup(key: unknown, maxParallelism: number): number {
  return keyGroupForHash(hashKey(key), maxParallelism);
}

/** The subtask that owns a key group (contiguous ranges, so rescaling moves whole ranges). */
export function operatorIndexForKeyGroup(maxParallelism: number, parallelism: number, keyGroup: number): number {
  return Math.floor((keyGroup * parallelism) / maxParallelism);
}

export interface KeyGroupRange {
  readonly start: number;
  /** inclusive */
  readonly end: number;
}

export function keyGroupRangeForSubtask(maxParallelism: number, parallelism: number, subtask: number): KeyGroupRange {
  const start = Math.floor((subtask * maxParallelism + parallelism - 1) / parallelism);
  const end = Math.floor(((subtask + 1) * maxParallelism - 1) / parallelism);
  return { start, end };
}

export function rangeContains(range: KeyGroupRange, keyGroup: number): boolean {
  return keyGroup >= range.start && keyGroup <= range.end;
}
