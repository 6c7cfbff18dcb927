import { type Clock, type Configuration, CoreOptions, SystemClock } from '@tributary/core';
import { LocalChannel } from '../execution/channel.js';
import { deployTasks } from '../execution/deploy.js';
import type { StreamTask } from '../execution/stream-task.js';
import { TaskExecutor } from '../execution/task-executor.js';
import { buildJobGraph, type JobGraph, type JobVertex } from '../graph/job-graph.js';
import type { StreamGraph } from '../graph/stream-graph.js';
import type { OperatorSnapshot } from '../operators/operator-snapshot.js';
import { JobClient, type JobExecutionResult } from './job-client.js';
import { resolveBatchMode } from './runtime-mode.js';

export interface InProcessJobOptions {
  readonly clock?: Clock;
  /** Restore state: per vertex-independent operator key -> per new subtask snapshots. */
  readonly restored?: (v: JobVertex, subtask: number) => Record<string, OperatorSnapshot> | undefined;
}

/**
 * Runs a whole job on the calling thread: all subtasks of all vertices share one executor and talk through
 * local channels. Used for tests, for programs defined inline, and as the unit a worker thread runs.
 */
export function runInProcess(
  graph: StreamGraph,
  config: Configuration,
  name: string,
  options: InProcessJobOptions = {},
): JobClient {
  const client = new JobClient(name);
  const jg = buildJobGraph(graph, config, name);
  const batchMode = resolveBatchMode(config, jg);
  const clock = options.clock ?? new SystemClock();
  queueMicrotask(() => {
    runAttempt(client, jg, config, clock, batchMode, options).catch((e) => {
      client.transition('FAILED', e);
      client.complete(summary(client, [], 'FAILED'));
    });
  });
  return client;
}

async function runAttempt(
  client: JobClient,
  jg: JobGraph,
  config: Configuration,
  clock: Clock,
  batchMode: boolean,
  options: InProcessJobOptions,
): Promise<void> {
  let canceled = false;
  const executor = new TaskExecutor(clock, () => {});
  const channels = new Map<number, LocalChannel>();
  const capacity = config.get(CoreOptions.BUFFERS_PER_CHANNEL);
  const channel = (id: number) => {
    let c = channels.get(id);
    if (!c) {
      c = new LocalChannel(capacity, executor.wake);
      channels.set(id, c);
    }
    return c;
  };
  const tasks = deployTasks({
    jobGraph: jg,
    config,
    clock,
    batchMode,
    attempt: 0,
    executor,
    isLocal: () => true,
    outputChannel: (s) => channel(s.id),
    inputChannel: (s) => channel(s.id),
    restored: options.restored ?? (() => undefined),
    acknowledgeCheckpoint: () => {},
    declineCheckpoint: () => {},
  });
  for (const t of tasks) executor.add(t);
  client.setCancelHandler(async () => {
    canceled = true;
    client.transition('CANCELLING');
    executor.stop();
  });
  const interval = config.get(CoreOptions.METRICS_INTERVAL);
  let lastReport = performance.now();
  const reporter = setInterval(() => {
    const now = performance.now();
    client.reportMetrics({ timestamp: Date.now(), tasks: tasks.map((t) => t.metricsSnapshot(now - lastReport)) });
    lastReport = now;
  }, interval);
  reporter.unref();
  try {
    try {
      for (const t of tasks) await t.open();
    } catch (e) {
      executor.fail(e);
    }
    client.transition('RUNNING');
    if (!executor.failed) await executor.run();
  } finally {
    clearInterval(reporter);
    for (const t of tasks) await t.close();
  }
  const now = performance.now();
  client.reportMetrics({ timestamp: Date.now(), tasks: tasks.map((t) => t.metricsSnapshot(now - lastReport)) });
  if (executor.failed) {
    client.transition('FAILED', executor.error);
    client.complete(summary(client, tasks, 'FAILED'));
  } else if (canceled) {
    client.complete(summary(client, tasks, 'CANCELED'));
  } else {
    client.complete(summary(client, tasks, 'FINISHED'));
  }
}

function summary(client: JobClient, tasks: StreamTask[], status: JobExecutionResult['status']): JobExecutionResult {
  const operators: Record<string, { recordsIn: number; recordsOut: number }> = {};
  for (const t of tasks) {
    t.vertex.nodes.forEach((n, i) => {
      const o = operators[n.name] ?? (operators[n.name] = { recordsIn: 0, recordsOut: 0 });
      o.recordsIn += t.metrics[i]!.recordsIn;
      o.recordsOut += t.metrics[i]!.recordsOut;
    });
  }
  return { jobName: client.jobName, status, durationMs: Date.now() - client.startedAt, operators, restarts: 0 };
}
