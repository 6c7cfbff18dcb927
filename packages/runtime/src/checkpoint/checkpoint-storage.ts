import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { getLogger, TributaryError } from '@tributary/core';
import type { OperatorSnapshot } from '../operators/operator-snapshot.js';
import {
  METADATA_FILE,
  type OperatorStateManifest,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SnapshotManifest,
} from './snapshot-format.js';

const log = getLogger('checkpoint-storage');

export interface OperatorSubtaskState {
  readonly uid: string;
  readonly name: string;
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly subtask: number;
  /** undefined: the subtask had finished */
  readonly snapshot: OperatorSnapshot | undefined;
}

/** A loaded checkpoint or savepoint: manifest plus every operator subtask's state. */
export interface LoadedSnapshot {
  readonly path: string;
  readonly manifest: SnapshotManifest;
  /** uid -> per old subtask */
  readonly states: Map<string, (OperatorSnapshot | undefined)[]>;
}

async function writeDurably(path: string, data: Uint8Array | string): Promise<void> {
  const fh = await open(path, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

function fileNameFor(uid: string, subtask: number): string {
  return `op-${uid.replace(/[^A-Za-z0-9_.-]/g, '_')}-${subtask}.state`;
}

/** Writes one snapshot directory; the manifest goes last, so a crash mid-way leaves no valid checkpoint. */
export async function writeSnapshot(
  dir: string,
  meta: { kind: 'checkpoint' | 'savepoint'; checkpointId: number; jobName: string; timestamp: number },
  states: readonly OperatorSubtaskState[],
): Promise<{ path: string; bytes: number }> {
  await mkdir(dir, { recursive: true });
  const operators: Record<string, OperatorStateManifest> = {};
  let total = 0;
  for (const s of states) {
    const op =
      operators[s.uid] ??
      (operators[s.uid] = { name: s.name, parallelism: s.parallelism, maxParallelism: s.maxParallelism, subtasks: [] });
    while (op.subtasks.length < s.parallelism) op.subtasks.push(null);
    if (s.snapshot === undefined) continue;
    const data = serialize(s.snapshot);
    const file = fileNameFor(s.uid, s.subtask);
    await writeDurably(join(dir, file), data);
    op.subtasks[s.subtask] = { file, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
    total += data.length;
  }
  const manifest: SnapshotManifest = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    ...meta,
    operators,
  };
  const tmp = join(dir, `${METADATA_FILE}.tmp`);
  await writeDurably(tmp, JSON.stringify(manifest, null, 1));
  await rename(tmp, join(dir, METADATA_FILE));
  await syncDir(dir);
  return { path: dir, bytes: total };
}

/** Reads and verifies a snapshot; throws a TributaryError saying what is wrong. */
export async function loadSnapshot(path: string): Promise<LoadedSnapshot> {
  let text: string;
  try {
    text = await readFile(join(path, METADATA_FILE), 'utf8');
  } catch {
    throw new TributaryError(
      'SNAPSHOT',
      `No checkpoint or savepoint at '${path}': ${METADATA_FILE} is missing (incomplete or not a snapshot)`,
    );
  }
  let manifest: SnapshotManifest;
  try {
    manifest = JSON.parse(text) as SnapshotManifest;
  } catch (e) {
    throw new TributaryError('SNAPSHOT', `Corrupt ${METADATA_FILE} in '${path}': ${(e as Error).message}`);
  }
  if (manifest.format !== SNAPSHOT_FORMAT || manifest.version > SNAPSHOT_VERSION) {
    throw new TributaryError('SNAPSHOT', `'${path}' is not a Tributary snapshot of a supported version`);
  }
  const states = new Map<string, (OperatorSnapshot | undefined)[]>();
  for (const [uid, op] of Object.entries(manifest.operators)) {
    const list: (OperatorSnapshot | undefined)[] = [];
    for (const sub of op.subtasks) {
      if (sub === null) {
        list.push(undefined);
        continue;
      }
      const data = await readFile(join(path, sub.file)).catch(() => {
        throw new TributaryError('SNAPSHOT', `Snapshot '${path}' is missing state file ${sub.file}`);
      });
      const sha = createHash('sha256').update(data).digest('hex');
      if (data.length !== sub.bytes || sha !== sub.sha256) {
        throw new TributaryError(
          'SNAPSHOT',
          `Snapshot '${path}': state file ${sub.file} fails its checksum (corrupt or partial)`,
        );
      }
      list.push(deserialize(data) as OperatorSnapshot);
    }
    states.set(uid, list);
  }
  return { path, manifest, states };
}

/** Completed checkpoint directories of a job, newest first (by id; validity is checked when loading). */
export async function listCheckpoints(jobDir: string): Promise<{ id: number; path: string }[]> {
  let names: string[];
  try {
    names = await readdir(jobDir);
  } catch {
    return [];
  }
  return names
    .map((n) => /^chk-(\d+)$/.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ id: Number(m[1]), path: join(jobDir, m[0]) }))
    .sort((a, b) => b.id - a.id);
}

/** The newest checkpoint that loads and verifies; corrupt or partial ones are skipped with a warning. */
export async function loadLatestCheckpoint(jobDir: string): Promise<LoadedSnapshot | undefined> {
  for (const c of await listCheckpoints(jobDir)) {
    try {
      return await loadSnapshot(c.path);
    } catch (e) {
      log.warn(`Skipping checkpoint ${c.path}: ${(e as Error).message}`);
    }
  }
  return undefined;
}

/** Deletes checkpoints older than the newest `retain` complete ones (and incomplete ones older than those). */
export async function pruneCheckpoints(jobDir: string, retain: number): Promise<void> {
  const all = await listCheckpoints(jobDir);
  let kept = 0;
  let cutoff = Number.POSITIVE_INFINITY;
  for (const c of all) {
    const complete = await stat(join(c.path, METADATA_FILE)).then(
      () => true,
      () => false,
    );
    if (complete && kept < retain) {
      kept++;
      cutoff = c.id;
    }
  }
  for (const c of all) if (c.id < cutoff) await rm(c.path, { recursive: true, force: true });
}
