import { type Configuration, CoreOptions, ProgramError } from '@tributary/core';
import type { JobGraph } from '../graph/job-graph.js';

/** BATCH when asked for or (AUTOMATIC) when every source is bounded; BATCH over an unbounded source is an error. */
export function resolveBatchMode(config: Configuration, jg: JobGraph): boolean {
  const mode = config.get(CoreOptions.RUNTIME_MODE);
  if (mode === 'BATCH') {
    if (!jg.bounded) {
      throw new ProgramError(
        "Detected an unbounded source with 'execution.runtime-mode' set to 'BATCH'. " +
          'Use STREAMING or AUTOMATIC, or make every source bounded.',
      );
    }
    return true;
  }
  return mode === 'AUTOMATIC' && jg.bounded;
}
