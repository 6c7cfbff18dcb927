/**
 * On-disk layout of a checkpoint or savepoint (documented in docs/checkpoints.md):
 *   <dir>/op-<uid>-<subtask>.state   one file per operator subtask: Node's v8.serialize of an OperatorSnapshot
 *   <dir>/_metadata                  JSON manifest below, written last and atomically (temp + fsync + rename)
 * A directory without a valid _metadata, or whose files do not match the recorded SHA-256, is not a checkpoint.
 */
export const SNAPSHOT_FORMAT = 'tributary-snapshot';
export const SNAPSHOT_VERSION = 1;
export const METADATA_FILE = '_metadata';

export interface SubtaskStateFile {
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  /**
   * Incremental keyed state: path (relative to this snapshot's directory) of the state file of the same operator
   * subtask in the checkpoint this one builds on; key groups not changed since are read from there.
   */
  readonly base?: string;
}

export interface OperatorStateManifest {
  readonly name: string;
  readonly parallelism: number;
  readonly maxParallelism: number;
  /** One entry per subtask; null for a subtask that had finished and holds no state. */
  readonly subtasks: (SubtaskStateFile | null)[];
}

export interface SnapshotManifest {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: number;
  readonly kind: 'checkpoint' | 'savepoint';
  readonly checkpointId: number;
  readonly jobName: string;
  readonly timestamp: number;
  /** operator uid (or auto id) -> its state */
  readonly operators: Record<string, OperatorStateManifest>;
}
