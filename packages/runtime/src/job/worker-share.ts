import type { MessagePort } from 'node:worker_threads';
import { type Clock, type Configuration, CoreOptions, ProgramError } from '@tributary/core';
import { LocalChannel } from '../execution/channel.js';
import { deployTasks } from '../execution/deploy.js';
import { PeerRouter, RemoteInputChannel, RemoteOutputChannel } from '../execution/remote-channel.js';
import { TaskExecutor } from '../execution/task-executor.js';
import { buildJobGraph, type JobGraph } from '../graph/job-graph.js';
import type { StreamGraph } from '../graph/stream-graph.js';
import { CollectRegistry } from '../sink/collect-sink.js';
import { FINAL_CHECKPOINT_ID } from '../sink/sink.js';
import { resolveBatchMode } from './runtime-mode.js';
import {
  type CoordinatorToWorker,
  serializeError,
  type WorkerInit,
  type WorkerToCoordinator,
} from './worker-protocol.js';

/** Vertex names and parallelism: what must agree between the coordinator's plan and each worker's. */
export function planFingerprint(jg: JobGraph): string {
  return jg.vertices.map((v) => `${v.name}|${v.parallelism}|${v.maxParallelism}`).join(';');
}

/** The worker slot that runs subtask s of every vertex (Flink's slot sharing: slot i hosts subtask i). */
export function slotOfSubtask(subtask: number, numWorkers: number): number {
  return subtask % numWorkers;
}

/**
 * Runs this worker thread's share of a job: subtask i of every vertex where i maps to this slot. Channels to
 * subtasks on the same thread are local queues; others go over the peer ports.
 */
export async function runWorkerShare(
  graph: StreamGraph,
  config: Configuration,
  name: string,
  init: WorkerInit,
  parent: MessagePort,
  clock: Clock,
): Promise<void> {
  const post = (m: WorkerToCoordinator) => parent.postMessage(m);
  let canceled = false;
  const executor = new TaskExecutor(clock, () => {});
  const tasks: ReturnType<typeof deployTasks> = [];
  let releaseAfterFinish: ((commit: boolean) => void) | undefined;
  const released = new Promise<boolean>((r) => (releaseAfterFinish = r));
  parent.on('message', (m: CoordinatorToWorker) => {
    if (m.type === 'final-commit') releaseAfterFinish?.(true);
    else if (m.type === 'release') releaseAfterFinish?.(false);
    if (m.type === 'cancel') {
      canceled = true;
      executor.stop();
    } else if (m.type === 'trigger') {
      executor.enqueue(() => {
        for (const t of tasks) if (t.isSource) t.triggerCheckpoint(m.id, m.timestamp, m.savepoint, m.drain);
      });
    } else if (m.type === 'notify') {
      executor.enqueue(() => {
        for (const t of tasks) t.notifyCheckpointComplete(m.id).catch((e) => executor.fail(e));
      });
    }
  });
  try {
    const jg = buildJobGraph(graph, config, name);
    const fp = planFingerprint(jg);
    if (fp !== init.fingerprint) {
      throw new ProgramError(
        'The program built a different job in a worker thread than in the main thread. Programs run once per worker ' +
          'thread and must build the same pipeline every time (no randomness or time in the graph structure).',
      );
    }
    const batchMode = resolveBatchMode(config, jg);
    const router = new PeerRouter(executor.wake);
    for (const port of Object.values(init.peers)) router.attach(port);
    const capacity = config.get(CoreOptions.BUFFERS_PER_CHANNEL);
    const remoteCapacity = config.get(CoreOptions.REMOTE_BUFFERS_PER_CHANNEL);
    const locals = new Map<number, LocalChannel>();
    const local = (id: number) => {
      let c = locals.get(id);
      if (!c) {
        c = new LocalChannel(capacity, executor.wake);
        locals.set(id, c);
      }
      return c;
    };
    const slot = (s: number) => slotOfSubtask(s, init.numWorkers);
    CollectRegistry.setResolver((id) => ({
      push: (values) => post({ type: 'collect', id, values }),
      end: (subtask) => post({ type: 'collect-end', id, subtask }),
    }));
    tasks.push(
      ...deployTasks({
        jobGraph: jg,
        config,
        clock,
        batchMode,
        attempt: init.attempt,
        executor,
        isLocal: (_v, s) => slot(s) === init.slot,
        outputChannel: (spec) => {
          const target = slot(spec.to);
          if (target === init.slot) return local(spec.id);
          const ch = new RemoteOutputChannel(spec.id, init.peers[target]!, remoteCapacity);
          router.registerOutput(spec.id, ch);
          return ch;
        },
        inputChannel: (spec) => {
          const from = slot(spec.from);
          if (from === init.slot) return local(spec.id);
          const ch = new RemoteInputChannel(spec.id, init.peers[from]!);
          router.registerInput(spec.id, ch);
          return ch;
        },
        restored: (v, s) => init.restore?.[`${v.id}:${s}`],
        acknowledgeCheckpoint: (id, task, snapshots) =>
          post({ type: 'ack', id, vertex: task.vertex.id, subtask: task.subtaskIndex, snapshots }),
        declineCheckpoint: (id, _task, reason) => post({ type: 'decline', id, error: serializeError(reason) }),
        taskFinished: (task, snapshots) =>
          post({ type: 'task-finished', vertex: task.vertex.id, subtask: task.subtaskIndex, snapshots }),
      }),
    );
    for (const t of tasks) executor.add(t);
    for (const t of tasks) await t.open();
    post({ type: 'running' });
  } catch (e) {
    for (const t of tasks) await t.close();
    post({ type: 'failed', error: serializeError(e) });
    return;
  }
  const interval = config.get(CoreOptions.METRICS_INTERVAL);
  let last = performance.now();
  const snapshot = () => {
    const now = performance.now();
    const m = tasks.map((t) => t.metricsSnapshot(now - last));
    last = now;
    return m;
  };
  const reporter = setInterval(() => post({ type: 'metrics', tasks: snapshot() }), interval);
  reporter.unref();
  await executor.run();
  if (!executor.failed && !canceled) {
    // Operators stay open until the coordinator took the final checkpoint and says whether to commit it.
    post({ type: 'all-finished' });
    const commit = await Promise.race([released, new Promise<false>((r) => parent.once('close', () => r(false)))]);
    if (commit) {
      try {
        for (const t of tasks) await t.notifyCheckpointComplete(FINAL_CHECKPOINT_ID);
        post({ type: 'final-committed' });
      } catch (e) {
        executor.fail(e);
      }
    }
  }
  clearInterval(reporter);
  for (const t of tasks) await t.close();
  // Output the program printed in this thread must reach the main thread before the coordinator ends the worker.
  await new Promise<void>((r) => process.stdout.write('', () => r()));
  await new Promise<void>((r) => process.stderr.write('', () => r()));
  if (executor.failed) post({ type: 'failed', error: serializeError(executor.error) });
  else if (canceled) post({ type: 'canceled' });
  else post({ type: 'finished', tasks: snapshot() });
}
