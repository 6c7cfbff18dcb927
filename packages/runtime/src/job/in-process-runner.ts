import { type Clock, type Configuration, SystemClock } from '@tributary/core';
import { buildJobGraph } from '../graph/job-graph.js';
import type { StreamGraph } from '../graph/stream-graph.js';
import { InProcessDeployment } from './in-process-deployment.js';
import type { JobClient } from './job-client.js';
import { JobMaster } from './job-master.js';
import { resolveBatchMode } from './runtime-mode.js';

export interface InProcessJobOptions {
  readonly clock?: Clock;
}

/**
 * Runs a whole job on the calling thread: all subtasks of all vertices share one executor and talk through
 * local channels. Used for tests, for programs defined inline, and whenever parallelism is 1.
 */
export function runInProcess(
  graph: StreamGraph,
  config: Configuration,
  name: string,
  options: InProcessJobOptions = {},
): JobClient {
  const jg = buildJobGraph(graph, config, name);
  const batchMode = resolveBatchMode(config, jg);
  const clock = options.clock ?? new SystemClock();
  return new JobMaster(jg, config, batchMode, (attempt, restore, listener) => {
    return new InProcessDeployment(jg, config, clock, batchMode, attempt, restore, listener);
  }).start();
}
