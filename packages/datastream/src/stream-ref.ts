import type { KeySelector, PartitionerSpec } from '@tributary/runtime';

/** One upstream of a stream: a node's main or side output, with the partitioning chosen for the next edge. */
export interface StreamRef {
  readonly nodeId: number;
  readonly partitioner?: PartitionerSpec;
  readonly sideTag?: string;
}

/** One input of a new operator: the refs feeding it (several after union) and its key selector if keyed. */
export interface OperatorInput {
  readonly refs: readonly StreamRef[];
  readonly keySelector?: KeySelector;
}
