import type { Configuration } from '@tributary/core';
import { buildJobGraph } from '../graph/job-graph.js';
import type { StreamGraph } from '../graph/stream-graph.js';
import type { JobClient } from './job-client.js';
import { JobMaster } from './job-master.js';
import { resolveBatchMode } from './runtime-mode.js';
import { WorkerDeployment, type WorkerJobOptions } from './worker-deployment.js';

export type { WorkerJobOptions };

/** Runs a job with its parallel subtasks on worker threads (all cores), with checkpoints and restarts. */
export function runOnWorkers(graph: StreamGraph, config: Configuration, name: string, o: WorkerJobOptions): JobClient {
  const jg = buildJobGraph(graph, config, name);
  const batchMode = resolveBatchMode(config, jg);
  return new JobMaster(jg, config, batchMode, (attempt, restore, listener) => {
    return new WorkerDeployment(jg, config, attempt, restore, listener, o);
  }).start();
}
