import { type Configuration, ProgramError } from '@tributary/core';
import { operatorStateKey } from '../execution/stream-task.js';
import type { JobGraph } from '../graph/job-graph.js';
import { type RestoreAssignment, restoreKey } from '../job/deployment.js';
import type { OperatorSnapshot } from '../operators/operator-snapshot.js';
import { redistributeSnapshots } from '../state/redistribute.js';
import { CheckpointOptions } from './checkpoint-options.js';
import type { LoadedSnapshot } from './checkpoint-storage.js';

/**
 * Maps a snapshot's operator state onto a (possibly changed, possibly rescaled) job: by operator uid, with
 * keyed state moving by key group and operator state redistributed. State of an operator the program no longer
 * has is an error unless ignore-unclaimed-state is set, as in Flink.
 */
export function planRestore(snapshot: LoadedSnapshot, jg: JobGraph, config: Configuration): RestoreAssignment {
  const assignment: RestoreAssignment = new Map();
  const claimed = new Set<string>();
  for (const v of jg.vertices) {
    for (const node of v.nodes) {
      const uid = operatorStateKey(node);
      const old = snapshot.states.get(uid);
      if (old === undefined) continue;
      claimed.add(uid);
      const meta = snapshot.manifest.operators[uid]!;
      const hasKeyed = old.some((s) => s?.keyed !== undefined);
      if (hasKeyed && meta.maxParallelism !== v.maxParallelism) {
        throw new ProgramError(
          `Cannot restore operator '${node.name}' (uid ${uid}) from '${snapshot.path}': its max parallelism changed from ` +
            `${meta.maxParallelism} to ${v.maxParallelism}, which would move keys between key groups. Keep pipeline.max-parallelism unchanged.`,
        );
      }
      const present = old.filter((s): s is OperatorSnapshot => s !== undefined);
      const perSubtask = redistributeSnapshots(present, v.parallelism);
      perSubtask.forEach((snap, s) => {
        const key = restoreKey(v.id, s);
        const rec = assignment.get(key) ?? {};
        rec[uid] = snap;
        assignment.set(key, rec);
      });
    }
  }
  const unclaimed = [...snapshot.states.keys()].filter((uid) => !claimed.has(uid));
  if (unclaimed.length > 0 && !config.get(CheckpointOptions.ALLOW_NON_RESTORED)) {
    const uid = unclaimed[0]!;
    const name = snapshot.manifest.operators[uid]?.name ?? uid;
    throw new ProgramError(
      `Failed to restore from '${snapshot.path}': cannot map the state of operator '${name}' (uid ${uid}) to the new ` +
        'program, because the operator is not in the new program. Give operators stable uid()s, or allow skipping ' +
        "such state with 'execution.state-recovery.ignore-unclaimed-state' = true (--allow-non-restored-state).",
    );
  }
  return assignment;
}
