import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { getLogger, TributaryError } from '@tributary/core';
import type { OperatorSnapshot } from '../operators/operator-snapshot.js';
import type { KeyedStateSnapshot, KeyGroupEntries } from '../state/backend.js';
import {
  METADATA_FILE,
  type OperatorStateManifest,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SnapshotManifest,
  type SubtaskStateFile,
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
  /** Directory of a completed checkpoint by id (for incremental keyed state). */
  baseDirOf: (checkpointId: number) => string | undefined = () => undefined,
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
    const sha256 = createHash('sha256').update(data).digest('hex');
    const inc = s.snapshot.keyed?.incremental;
    let base: string | undefined;
    if (inc) {
      const baseDir = baseDirOf(inc.baseCheckpointId);
      if (!baseDir)
        throw new TributaryError(
          'SNAPSHOT',
          `Incremental state of '${s.uid}' builds on unknown checkpoint ${inc.baseCheckpointId}`,
        );
      base = relative(dir, join(baseDir, fileNameFor(s.uid, s.subtask)));
    }
    op.subtasks[s.subtask] = base ? { file, bytes: data.length, sha256, base } : { file, bytes: data.length, sha256 };
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
    for (let i = 0; i < op.subtasks.length; i++) {
      const sub = op.subtasks[i];
      list.push(sub ? await loadSubtaskState(path, uid, i, sub, 0) : undefined);
    }
    states.set(uid, list);
  }
  return { path, manifest, states };
}

async function readManifest(path: string): Promise<SnapshotManifest> {
  let text: string;
  try {
    text = await readFile(join(path, METADATA_FILE), 'utf8');
  } catch {
    throw new TributaryError('SNAPSHOT', `No checkpoint or savepoint at '${path}': ${METADATA_FILE} is missing`);
  }
  try {
    return JSON.parse(text) as SnapshotManifest;
  } catch (e) {
    throw new TributaryError('SNAPSHOT', `Corrupt ${METADATA_FILE} in '${path}': ${(e as Error).message}`);
  }
}

/** Reads and verifies one state file; an incremental one is merged over the chain of files it builds on. */
async function loadSubtaskState(
  dir: string,
  uid: string,
  subtask: number,
  entry: SubtaskStateFile,
  depth: number,
): Promise<OperatorSnapshot> {
  const data = await readFile(join(dir, entry.file)).catch(() => {
    throw new TributaryError('SNAPSHOT', `Snapshot '${dir}' is missing state file ${entry.file}`);
  });
  const sha = createHash('sha256').update(data).digest('hex');
  if (data.length !== entry.bytes || sha !== entry.sha256) {
    throw new TributaryError(
      'SNAPSHOT',
      `Snapshot '${dir}': state file ${entry.file} fails its checksum (corrupt or partial)`,
    );
  }
  const snap = deserialize(data) as OperatorSnapshot;
  if (!entry.base || !snap.keyed?.incremental) return snap;
  if (depth > 1000) throw new TributaryError('SNAPSHOT', `Snapshot '${dir}': incremental chain too long or cyclic`);
  const baseDir = dirname(resolve(dir, entry.base));
  const baseEntry = (await readManifest(baseDir)).operators[uid]?.subtasks[subtask];
  if (!baseEntry) {
    throw new TributaryError(
      'SNAPSHOT',
      `Snapshot '${dir}': base ${baseDir} has no state for '${uid}' subtask ${subtask}`,
    );
  }
  const base = await loadSubtaskState(baseDir, uid, subtask, baseEntry, depth + 1);
  return { ...snap, keyed: mergeIncremental(base.keyed, snap.keyed) };
}

/** Base state with the changed key groups replaced (a changed key group missing from `changes` became empty). */
function mergeIncremental(base: KeyedStateSnapshot | undefined, changes: KeyedStateSnapshot): KeyedStateSnapshot {
  const changed = new Set(changes.incremental!.changedKeyGroups);
  const states: Record<string, Record<number, KeyGroupEntries>> = {};
  for (const [name, groups] of Object.entries(base?.states ?? {})) {
    const kept: Record<number, KeyGroupEntries> = {};
    for (const [kg, entries] of Object.entries(groups)) if (!changed.has(Number(kg))) kept[Number(kg)] = entries;
    states[name] = kept;
  }
  for (const [name, groups] of Object.entries(changes.states)) {
    const target = states[name] ?? (states[name] = {});
    for (const [kg, entries] of Object.entries(groups)) target[Number(kg)] = entries;
  }
  return { states };
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
  const retained: string[] = [];
  for (const c of all) {
    const complete = await stat(join(c.path, METADATA_FILE)).then(
      () => true,
      () => false,
    );
    if (complete && kept < retain) {
      kept++;
      cutoff = c.id;
      retained.push(c.path);
    }
  }
  // Checkpoints that retained incremental ones build on stay, however old.
  const needed = new Set(retained.map((p) => resolve(p)));
  const queue = [...needed];
  while (queue.length > 0) {
    const dir = queue.pop()!;
    const manifest = await readManifest(dir).catch(() => undefined);
    for (const op of Object.values(manifest?.operators ?? {})) {
      for (const sub of op.subtasks) {
        if (!sub?.base) continue;
        const baseDir = dirname(resolve(dir, sub.base));
        if (!needed.has(baseDir)) {
          needed.add(baseDir);
          queue.push(baseDir);
        }
      }
    }
  }
  for (const c of all)
    if (c.id < cutoff && !needed.has(resolve(c.path))) await rm(c.path, { recursive: true, force: true });
}
