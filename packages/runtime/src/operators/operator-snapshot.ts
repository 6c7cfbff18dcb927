import type { KeyedStateSnapshot } from '../state/backend.js';
import type { TimerEntry } from '../timers/timer-queue.js';

export interface OperatorStateEntryList {
  /** split: entries are dealt round-robin on restore; union: every subtask gets all; broadcast: one copy to all. */
  readonly mode: 'split' | 'union' | 'broadcast';
  readonly entries: unknown[];
}

/** State of one operator subtask at a checkpoint. */
export interface OperatorSnapshot {
  keyed?: KeyedStateSnapshot;
  eventTimers?: TimerEntry[];
  processingTimers?: TimerEntry[];
  operatorState?: Record<string, OperatorStateEntryList>;
}
