import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { Configuration } from '@tributary/core';
import { buildJobGraph } from '../graph/job-graph.js';
import type { StreamGraph } from '../graph/stream-graph.js';
import type { TaskMetricsSnapshot } from '../metrics/operator-metrics.js';
import { CollectRegistry } from '../sink/collect-sink.js';
import { JobClient, type JobExecutionResult } from './job-client.js';
import { resolveBatchMode } from './runtime-mode.js';
import { deserializeError, type WorkerInit, type WorkerToCoordinator } from './worker-protocol.js';
import { planFingerprint } from './worker-share.js';

export interface WorkerJobOptions {
  /** Module run by each worker: loads the program and hands the job to runWorkerShare. */
  readonly workerScript: URL;
  readonly programFile: string;
  readonly jobIndex: number;
  readonly globalConfig: Record<string, unknown>;
}

/**
 * Runs a job on worker threads, one per slot (slot i hosts subtask i of every vertex), so parallel subtasks use
 * every core. The program file is loaded again in each worker to rebuild the operators and their functions; the
 * coordinator (this thread) starts the workers, wires their peer ports, gathers metrics and collected results,
 * and turns their reports into the job's status.
 */
export function runOnWorkers(graph: StreamGraph, config: Configuration, name: string, o: WorkerJobOptions): JobClient {
  const client = new JobClient(name);
  const jg = buildJobGraph(graph, config, name);
  resolveBatchMode(config, jg);
  const numWorkers = Math.max(...jg.vertices.map((v) => v.parallelism));
  const peers: Record<number, MessagePort>[] = Array.from({ length: numWorkers }, () => ({}));
  for (let i = 0; i < numWorkers; i++) {
    for (let j = i + 1; j < numWorkers; j++) {
      const { port1, port2 } = new MessageChannel();
      peers[i]![j] = port1;
      peers[j]![i] = port2;
    }
  }
  const workers: Worker[] = [];
  const latest = new Map<number, TaskMetricsSnapshot[]>();
  const running = new Set<number>();
  const finished = new Set<number>();
  let ended = false;
  let canceling = false;

  const finish = (status: JobExecutionResult['status'], error?: unknown) => {
    if (ended) return;
    ended = true;
    for (const w of workers) void w.terminate();
    if (error !== undefined) client.transition('FAILED', error);
    const tasks = [...latest.values()].flat();
    client.reportMetrics({ timestamp: Date.now(), tasks });
    const operators: Record<string, { recordsIn: number; recordsOut: number }> = {};
    for (const t of tasks) {
      for (const op of t.operators) {
        const s = operators[op.operator] ?? (operators[op.operator] = { recordsIn: 0, recordsOut: 0 });
        s.recordsIn += op.recordsIn;
        s.recordsOut += op.recordsOut;
      }
    }
    client.complete({ jobName: name, status, durationMs: Date.now() - client.startedAt, operators, restarts: 0 });
  };

  const onMessage = (slot: number, m: WorkerToCoordinator) => {
    switch (m.type) {
      case 'running':
        running.add(slot);
        if (running.size === numWorkers) client.transition('RUNNING');
        break;
      case 'metrics':
        latest.set(slot, m.tasks);
        client.reportMetrics({ timestamp: Date.now(), tasks: [...latest.values()].flat() });
        break;
      case 'finished':
        latest.set(slot, m.tasks);
        finished.add(slot);
        if (finished.size === numWorkers) finish(canceling ? 'CANCELED' : 'FINISHED');
        break;
      case 'canceled':
        finished.add(slot);
        if (finished.size === numWorkers) finish('CANCELED');
        break;
      case 'failed':
        finish('FAILED', deserializeError(m.error));
        break;
      case 'collect':
        CollectRegistry.lookup(m.id)?.push(m.values);
        break;
      case 'collect-end':
        CollectRegistry.lookup(m.id)?.end(m.subtask);
        break;
    }
  };

  const fingerprint = planFingerprint(jg);
  for (let slot = 0; slot < numWorkers; slot++) {
    const init: WorkerInit = {
      programFile: o.programFile,
      jobIndex: o.jobIndex,
      slot,
      numWorkers,
      attempt: 0,
      config: config.toRecord(),
      fingerprint,
      peers: peers[slot]!,
      globalConfig: o.globalConfig,
    };
    const w = new Worker(o.workerScript, {
      workerData: init,
      transferList: Object.values(peers[slot]!) as unknown as ArrayBuffer[],
      stdout: false,
      stderr: false,
    });
    w.on('message', (m: WorkerToCoordinator) => onMessage(slot, m));
    w.on('error', (e) => finish('FAILED', e));
    w.on('exit', (code) => {
      if (!ended && !finished.has(slot)) {
        finish('FAILED', new Error(`Worker thread for slot ${slot} exited with code ${code} before the job ended`));
      }
    });
    workers.push(w);
  }
  client.setCancelHandler(async () => {
    canceling = true;
    client.transition('CANCELLING');
    for (const w of workers) w.postMessage({ type: 'cancel' });
    setTimeout(() => finish('CANCELED'), 5000).unref();
  });
  return client;
}
