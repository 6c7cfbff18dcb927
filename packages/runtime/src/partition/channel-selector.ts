import { TributaryError } from '@tributary/core';
import { keyGroupForHash, operatorIndexForKeyGroup } from '../keys/key-groups.js';
import { hashKey } from '../keys/key-hash.js';
import type { KeySelector, PartitionerSpec } from './partitioner.js';

/** Picks the output channel of a record; -1 means "all channels" (broadcast). */
export interface ChannelSelector {
  select(value: unknown): number;
}

class FixedSelector implements ChannelSelector {
  constructor(private readonly channel: number) {}
  select(): number {
    return this.channel;
  }
}

class RoundRobinSelector implements ChannelSelector {
  constructor(
    private next: number,
    private readonly n: number,
  ) {}
  select(): number {
    const c = this.next;
    this.next = c + 1 === this.n ? 0 : c + 1;
    return c;
  }
}

class RandomSelector implements ChannelSelector {
  constructor(private readonly n: number) {}
  select(): number {
    return Math.floor(Math.random() * this.n);
  }
}

class BroadcastSelector implements ChannelSelector {
  select(): number {
    return -1;
  }
}

class KeyGroupSelector implements ChannelSelector {
  constructor(
    private readonly key: KeySelector,
    private readonly n: number,
    private readonly maxParallelism: number,
  ) {}
  select(value: unknown): number {
    const kg = keyGroupForHash(hashKey(this.key(value)), this.maxParallelism);
    return operatorIndexForKeyGroup(this.maxParallelism, this.n, kg);
  }
}

class CustomSelector implements ChannelSelector {
  constructor(
    private readonly key: KeySelector,
    private readonly partition: (key: unknown, n: number) => number,
    private readonly n: number,
  ) {}
  select(value: unknown): number {
    const c = this.partition(this.key(value), this.n);
    if (!Number.isInteger(c) || c < 0 || c >= this.n) {
      throw new TributaryError(
        'PARTITIONER',
        `Custom partitioner returned ${c}; expected an integer in [0, ${this.n})`,
      );
    }
    return c;
  }
}

/** `numChannels` is the number of channels this writer has (1 for forward; the downstream count otherwise). */
export function createChannelSelector(
  spec: PartitionerSpec,
  numChannels: number,
  subtaskIndex: number,
  maxParallelism: number,
): ChannelSelector {
  switch (spec.type) {
    case 'forward':
    case 'global':
      return new FixedSelector(0);
    case 'rebalance':
    case 'rescale':
      return new RoundRobinSelector(subtaskIndex % numChannels, numChannels);
    case 'shuffle':
      return new RandomSelector(numChannels);
    case 'broadcast':
      return new BroadcastSelector();
    case 'hash':
      return new KeyGroupSelector(spec.keySelector, numChannels, maxParallelism);
    case 'custom':
      return new CustomSelector(spec.keySelector, spec.partition, numChannels);
  }
}
