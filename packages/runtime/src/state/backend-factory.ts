import { type Clock, ConfigError, type Configuration, CoreOptions } from '@tributary/core';
import type { KeyGroupRange } from '../keys/key-groups.js';
import type { KeyedStateBackend } from './backend.js';
import { HeapKeyedStateBackend } from './heap-backend.js';
import { LmdbKeyedStateBackend } from './lmdb/lmdb-backend.js';

export interface BackendSpec {
  readonly config: Configuration;
  readonly keyGroupRange: KeyGroupRange;
  readonly maxParallelism: number;
  readonly clock: Clock;
  /** Unique per operator subtask and attempt, used by on-disk backends for their directory. */
  readonly scope: string;
}

export type KeyedBackendFactory = (spec: BackendSpec) => KeyedStateBackend;

const factories = new Map<string, KeyedBackendFactory>([
  ['hashmap', (s) => new HeapKeyedStateBackend(s.keyGroupRange, s.maxParallelism, s.clock)],
  // The lmdb backend's JavaScript is small; its native module is required only when the first one is created.
  ['lmdb', (s) => LmdbKeyedStateBackend.fromSpec(s)],
]);

/** Other backends (or a replacement of a built-in one) register here. */
export function registerKeyedBackend(type: string, factory: KeyedBackendFactory): void {
  factories.set(type, factory);
}

export function createKeyedBackend(spec: BackendSpec): KeyedStateBackend {
  const type = spec.config.get(CoreOptions.STATE_BACKEND);
  const f = factories.get(type);
  if (!f) throw new ConfigError(CoreOptions.STATE_BACKEND.key, `State backend '${type}' is not available`);
  return f(spec);
}
