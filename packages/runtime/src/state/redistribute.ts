import type { OperatorSnapshot } from '../operators/operator-snapshot.js';
import { appendEntries, type KeyedStateSnapshot, type KeyGroupEntries, newKeyGroupEntries } from './backend.js';
import { redistributeOperatorState } from './operator-state.js';

/**
 * Turns the snapshots of one operator's old subtasks into the restore input of `parallelism` new subtasks.
 * Keyed state and timers: every new subtask receives all of them and keeps the key groups of its range.
 * Operator state: split, union or broadcast redistribution.
 */
export function redistributeSnapshots(old: readonly OperatorSnapshot[], parallelism: number): OperatorSnapshot[] {
  const keyedParts = old.map((s) => s.keyed).filter((k): k is KeyedStateSnapshot => k !== undefined);
  let keyed: KeyedStateSnapshot | undefined;
  if (keyedParts.length > 0) {
    const states: Record<string, Record<number, KeyGroupEntries>> = {};
    for (const part of keyedParts) {
      for (const [name, groups] of Object.entries(part.states)) {
        const target = states[name] ?? (states[name] = {});
        for (const [kg, entries] of Object.entries(groups)) {
          const list = target[Number(kg)] ?? (target[Number(kg)] = newKeyGroupEntries());
          appendEntries(list, entries);
        }
      }
    }
    keyed = { states };
  }
  const eventTimers = old.flatMap((s) => s.eventTimers ?? []);
  const processingTimers = old.flatMap((s) => s.processingTimers ?? []);
  const ops = redistributeOperatorState(
    old.map((s) => s.operatorState),
    parallelism,
  );
  return ops.map((operatorState) => {
    const s: OperatorSnapshot = {};
    if (keyed) s.keyed = keyed;
    if (eventTimers.length) s.eventTimers = eventTimers;
    if (processingTimers.length) s.processingTimers = processingTimers;
    if (Object.keys(operatorState).length) s.operatorState = operatorState;
    return s;
  });
}
