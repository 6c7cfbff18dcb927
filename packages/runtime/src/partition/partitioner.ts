import type { Key } from '../keys/key-hash.js';

export type KeySelector<T = any> = (value: T) => Key;

/** How records of one edge are spread over the downstream subtasks. */
export type PartitionerSpec =
  | { readonly type: 'forward' }
  | { readonly type: 'rebalance' }
  | { readonly type: 'rescale' }
  | { readonly type: 'shuffle' }
  | { readonly type: 'broadcast' }
  | { readonly type: 'global' }
  | { readonly type: 'hash'; readonly keySelector: KeySelector }
  | {
      readonly type: 'custom';
      readonly keySelector: KeySelector;
      readonly partition: (key: any, numPartitions: number) => number;
    };

export function describePartitioner(p: PartitionerSpec): string {
  return p.type === 'hash' ? 'HASH' : p.type.toUpperCase();
}
