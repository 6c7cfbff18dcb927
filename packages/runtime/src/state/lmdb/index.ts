import { registerKeyedBackend } from '../backend-factory.js';
import { LmdbKeyedStateBackend } from './lmdb-backend.js';

export { type LmdbBackendSpec, LmdbKeyedStateBackend } from './lmdb-backend.js';
export type { LmdbStoreOptions } from './lmdb-store.js';

/**
 * Makes `state.backend.type = 'lmdb'` available. The factory registers it already; this exists for embedders
 * that replaced the registration and want it back, and documents where the backend comes from.
 */
export function enableLmdbStateBackend(): void {
  registerKeyedBackend('lmdb', (s) => LmdbKeyedStateBackend.fromSpec(s));
}
